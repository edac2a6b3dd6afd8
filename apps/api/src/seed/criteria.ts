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
