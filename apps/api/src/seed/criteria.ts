/**
 * The Communities Fund's published criteria and weights (PRODUCT.md section 5), with what each
 * score from 0 to 5 means. Used by the demo seed; officers set their own when they create a fund.
 */
export const COMMUNITIES_FUND_CRITERIA = [
  {
    title: 'Brings people from different backgrounds together',
    description:
      'How well the project brings together people of different ethnicities, faiths, ages and backgrounds, and how often they will meet and do things together.',
    weight: 30,
    guidance: [
      'Does not bring different groups together',
      'Mentions mixing but gives no plan for it',
      'Some mixing, mostly one-off or at the edges of the project',
      'A clear plan for regular contact between different groups',
      'Mixing is at the heart of the project, with good reach into groups that rarely meet',
      'Outstanding: sustained, meaningful contact between many groups, designed with them',
    ],
  },
  {
    title: 'Evidence of local need',
    description:
      'Evidence that the project meets a need found through community consultation, the project bank or a needs assessment.',
    weight: 20,
    guidance: [
      'No evidence of need',
      'Need asserted but not shown',
      'Some evidence, general rather than local',
      'Clear local evidence, such as a consultation or a project-bank need',
      'Strong, recent local evidence from several sources',
      'Compelling evidence, with residents’ own words and data',
    ],
  },
  {
    title: 'Community involvement',
    description: 'Residents lead and co-produce the project, not only take part in it.',
    weight: 15,
    guidance: [
      'Residents are not involved',
      'Residents only receive the project',
      'Residents are consulted',
      'Residents help plan and run parts of it',
      'Residents lead much of the project',
      'Resident-led from start to finish, with new people stepping up',
    ],
  },
  {
    title: 'Deliverability',
    description: 'The plan, timetable and risks, and whether the group has the capacity to deliver.',
    weight: 15,
    guidance: [
      'No workable plan',
      'A plan with major gaps',
      'A basic plan; some risks not addressed',
      'A sound plan and timetable, main risks managed',
      'A detailed, realistic plan from a group with a track record',
      'Excellent planning; very likely to deliver as promised',
    ],
  },
  {
    title: 'Value for money',
    description: 'A realistic, costed budget: the costs are reasonable for what the project will achieve.',
    weight: 10,
    guidance: [
      'No budget, or costs unrelated to the project',
      'Costs unclear or unrealistic',
      'Costs mostly reasonable, some unexplained',
      'A realistic budget, clearly costed',
      'Good value, with other funding or in-kind support',
      'Excellent value, every cost justified',
    ],
  },
  {
    title: 'Legacy',
    description: 'What lasts beyond the funding: relationships, skills, groups that carry on.',
    weight: 10,
    guidance: [
      'Nothing lasts beyond the funding',
      'Legacy mentioned, no plan',
      'Some lasting benefit likely',
      'A clear plan for what continues',
      'Strong, realistic plans to continue without this funding',
      'Lasting change very likely, with plans already in place',
    ],
  },
] as const;

/**
 * The Youth Fund's own criteria (issue 9, item 21): Youth Commissioners judge what matters for
 * projects by and for young people, not the adult fund's points. In plain words, for young
 * assessors. Used by the demo seed.
 */
export const YOUTH_FUND_CRITERIA = [
  {
    title: 'Young people lead the project',
    description:
      'Young people have the ideas, make the decisions and run the project; adults support them rather than run it for them.',
    weight: 30,
    guidance: [
      'Adults run it; young people only take part',
      'Young people were asked once, then adults decided',
      'Young people help with parts of it',
      'Young people plan and run most of it, with adult support',
      'Young people lead it, and new young people are stepping up',
      'Led by young people from start to finish, including the money',
    ],
  },
  {
    title: 'What young people said they need',
    description:
      'The bid shows young people asked for this: a survey, a youth forum, a school council or conversations with young people.',
    weight: 20,
    guidance: [
      'No sign young people asked for it',
      'The group says young people want it, without showing how it knows',
      'Some evidence, but not from local young people',
      'Clear evidence from local young people, such as a survey or youth forum',
      'Strong evidence from many young people, recent and local',
      'Young people’s own words and numbers show exactly what they need',
    ],
  },
  {
    title: 'Brings young people from different backgrounds together',
    description:
      'Young people from different communities, schools and backgrounds meet, get to know each other and do things together.',
    weight: 20,
    guidance: [
      'Only one group of young people',
      'Says it is open to all, with no plan to reach others',
      'Some mixing, now and then',
      'A clear plan for young people from different backgrounds to meet often',
      'Mixing is at the heart of it, reaching young people who rarely meet',
      'Young people from many backgrounds do things together all the way through',
    ],
  },
  {
    title: 'Safe, welcoming and easy to join',
    description:
      'Young people are kept safe, it is free or cheap, easy to get to, and welcoming to young people who are disabled or new to the city.',
    weight: 10,
    guidance: [
      'Not safe, or hard for most young people to join',
      'Big gaps in keeping young people safe or in who can join',
      'Safe enough, but some young people would find it hard to join',
      'Safe and open, with a safeguarding policy and a plan to include everyone',
      'Safe and welcoming, with help for young people who might be left out',
      'Young people helped make it safe and welcoming for everyone',
    ],
  },
  {
    title: 'Can be done well',
    description: 'A realistic plan, timetable and budget, and a group that can make it happen.',
    weight: 10,
    guidance: [
      'No workable plan or budget',
      'A plan or budget with big gaps',
      'A basic plan; some costs or risks not thought through',
      'A sound plan, timetable and budget',
      'A detailed, realistic plan from a group that has done things like this',
      'Excellent plan; very likely to happen as promised',
    ],
  },
  {
    title: 'What lasts for young people',
    description:
      'What young people keep after the money is spent: skills, confidence, friendships, a group that carries on.',
    weight: 10,
    guidance: [
      'Nothing lasts after the money is spent',
      'Says something will last, with no plan',
      'Some skills or friendships may last',
      'A clear plan for what carries on',
      'Young people will gain real skills, and the group will carry on',
      'Lasting change for young people, with plans already in place',
    ],
  },
] as const;
