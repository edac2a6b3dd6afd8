import type { BudgetCategoryKey, OrganisationType } from '@cf/shared';

/**
 * The projects of the demo (PRODUCT.md section 9): the 19 grants the Communities Fund had awarded by
 * mid-2019 (£215,000 in all), including the six the council's reports name, and a few current bids
 * still on their way through screening, assessment and the panel. Pure data; demo-assessment.ts
 * turns it into bids, score sets, decisions and awards.
 *
 * Apart from the six named projects, every group here is invented. Registered numbers are in the
 * right format for their type but from ranges not yet issued (charities 1990xxx, companies 99xxxxxx,
 * school URNs 999xxx), so they belong to nobody.
 */

export type Line = [item: string, category: BudgetCategoryKey, costPence: number];

export interface DemoProject {
  organisation: string;
  title: string;
  /** 50 words or fewer. */
  summary: string;
  /** More of the description, after the summary. */
  detail: string;
  wards: string[];
  priority: string;
  otherPriorities: string[];
  communities: string;
  how: string;
  evidence: string;
  /** Titles of project-bank needs the bid answers. */
  needs: string[];
  /** How long the project runs. */
  months: number;
  lines: Line[];
  otherFunding: { source: string; amountPence: number; secured: boolean }[];
  outcomes: {
    participants: number;
    events: number;
    volunteers: number;
    peopleMeeting: number;
    description: string;
  };
  risk: { risk: string; mitigation: string };
  /** Works with children or adults at risk: a safeguarding policy is then a required document. */
  atRisk: boolean;
  signatory: { name: string; position: string };
  /** Each assessor's starting point on the six criteria, 0–5; the three differ by a point or two. */
  profile: [number, number, number, number, number, number];
  /** Where the assessors disagreed by more than the fund's threshold: the criterion's three scores. */
  disagreement?: { criterion: number; scores: [number, number, number]; note?: string };
}

export interface DemoAward extends DemoProject {
  /** The London date the bid was sent. */
  sentOn: string;
  panel: 1 | 2;
  awardPence: number;
  /** Why the award is less than asked for (partial awards only). */
  partialReason?: string;
}

export type InPlayStage = 'eligible' | 'in_assessment' | 'scored';

export interface DemoInPlay extends DemoProject {
  stage: InPlayStage;
  sentDaysAgo: number;
}

/** The two panels of 2019 (London dates) that made the 19 awards. */
export const DEMO_PANELS = {
  1: { date: '2019-05-20', time: '16:00' },
  2: { date: '2019-07-15', time: '16:00' },
} as const;

/** Groups of the demo besides the original seven (Millfield Community Kitchen and the six named ones). */
export interface DemoOrganisation {
  name: string;
  type: OrganisationType;
  registeredNumber: string | null;
  ward: string;
  addressLine1: string;
  postcode: string;
  contactName: string;
}

export const DEMO_GRANT_ORGANISATIONS: DemoOrganisation[] = [
  {
    name: 'Ravensthorpe Conversation Café',
    type: 'community_group',
    registeredNumber: null,
    ward: 'Ravensthorpe',
    addressLine1: 'The Community Room, Ravensthorpe Parade',
    postcode: 'PE3 7ND',
    contactName: 'Farah Qureshi',
  },
  {
    name: 'Dogsthorpe Dads and Lads',
    type: 'community_group',
    registeredNumber: null,
    ward: 'Dogsthorpe',
    addressLine1: '14 Welland Close',
    postcode: 'PE1 3SA',
    contactName: 'Lee Marsh',
  },
  {
    name: 'Hampton and Hargate Welcome Network',
    type: 'cio',
    registeredNumber: '1990111',
    ward: 'Hampton Vale',
    addressLine1: 'Hampton Vale Community Rooms, Kestrel Way',
    postcode: 'PE7 8EA',
    contactName: 'Joanna Wiśniewska',
  },
  {
    name: 'Fletton Faith Forum',
    type: 'faith_group',
    registeredNumber: null,
    ward: 'Fletton and Woodston',
    addressLine1: 'Church Hall, Fletton Avenue',
    postcode: 'PE2 8AY',
    contactName: 'Paul Adebayo',
  },
  {
    name: 'Newborough and Thorney Community Cinema',
    type: 'community_group',
    registeredNumber: null,
    ward: 'Eye, Thorney and Newborough',
    addressLine1: 'The Village Hall, Church Street, Thorney',
    postcode: 'PE6 0QB',
    contactName: 'Carol Pettit',
  },
  {
    name: 'Brookside Meadow Primary School',
    type: 'school',
    registeredNumber: '999201',
    ward: 'Paston and Walton',
    addressLine1: 'Brookside Meadow, Paston Lane',
    postcode: 'PE4 6HE',
    contactName: 'Anita Kaur',
  },
  {
    name: 'Bretton Repair Café CIC',
    type: 'company',
    registeredNumber: '99000112',
    ward: 'Bretton',
    addressLine1: 'Unit 3, Bretton Court',
    postcode: 'PE3 8DS',
    contactName: 'Marek Nowak',
  },
  {
    name: 'Lincoln Road Musicians’ Collective',
    type: 'community_group',
    registeredNumber: null,
    ward: 'Millfield and New England',
    addressLine1: '88 Lincoln Road',
    postcode: 'PE1 2SN',
    contactName: 'Delroy Campbell',
  },
  {
    name: 'Ortons Cricket for All',
    type: 'community_group',
    registeredNumber: null,
    ward: 'Orton Waterville',
    addressLine1: 'The Pavilion, Orton Meadows Park',
    postcode: 'PE2 5UU',
    contactName: 'Imran Akhtar',
  },
  {
    name: 'Peterborough Skills Bridge CIC',
    type: 'company',
    registeredNumber: '99000113',
    ward: 'City-wide',
    addressLine1: 'Second Floor, 40 Broadway',
    postcode: 'PE1 1RS',
    contactName: 'Natalia Ivanova',
  },
  {
    name: 'Stanground Good Neighbours',
    type: 'registered_charity',
    registeredNumber: '1990114',
    ward: 'Stanground South',
    addressLine1: 'Stanground Community Hub, Whittlesey Road',
    postcode: 'PE2 8RA',
    contactName: 'Margaret Holt',
  },
  {
    name: 'Gunthorpe and Werrington Youth Theatre',
    type: 'cio',
    registeredNumber: '1990115',
    ward: 'Werrington',
    addressLine1: 'Werrington Village Hall, Church Street',
    postcode: 'PE4 6QE',
    contactName: 'Sam Okoye',
  },
  {
    name: 'East Ward Bike Kitchen',
    type: 'community_group',
    registeredNumber: null,
    ward: 'East',
    addressLine1: 'Arch 4, Oxney Road',
    postcode: 'PE1 5YW',
    contactName: 'Jonas Kazlauskas',
  },
  // Groups with bids going through the fund now.
  {
    name: 'Peterborough Chess Circle',
    type: 'community_group',
    registeredNumber: null,
    ward: 'Central',
    addressLine1: 'c/o Central Library, Broadway',
    postcode: 'PE1 1RX',
    contactName: 'Viktor Horváth',
  },
  {
    name: 'Werrington Tea and Talk',
    type: 'community_group',
    registeredNumber: null,
    ward: 'Werrington',
    addressLine1: 'Methodist Church Hall, Hall Lane',
    postcode: 'PE4 6RA',
    contactName: 'Brenda Collins',
  },
  {
    name: 'Park Ward Parents’ Forum',
    type: 'community_group',
    registeredNumber: null,
    ward: 'Park',
    addressLine1: '7 Eastfield Road',
    postcode: 'PE1 4AN',
    contactName: 'Shazia Malik',
  },
  {
    name: 'Woodston Wheels Cycling Club',
    type: 'community_group',
    registeredNumber: null,
    ward: 'Fletton and Woodston',
    addressLine1: 'Woodston Community Centre, Orchard Street',
    postcode: 'PE2 9AL',
    contactName: 'Kyle Bennett',
  },
  {
    name: 'New England Kitchen Garden',
    type: 'community_group',
    registeredNumber: null,
    ward: 'Millfield and New England',
    addressLine1: 'Allotments, Newark Avenue',
    postcode: 'PE1 4NP',
    contactName: 'Gurpreet Sandhu',
  },
  {
    name: 'Dogsthorpe Community Radio CIC',
    type: 'company',
    registeredNumber: '99000116',
    ward: 'Dogsthorpe',
    addressLine1: '2 Central Avenue',
    postcode: 'PE1 4LH',
    contactName: 'Aisha Bello',
  },
];

const RISK_PEOPLE = {
  risk: 'Fewer people come than we hope',
  mitigation:
    'We will promote the project through schools, places of worship, community groups and social media, in several languages.',
};

/** The 19 grants of 2019, in the order the bids were sent. Awards add up to exactly £215,000. */
/** The demo grant whose summary, and so whose offer's purpose, is only its title (decision 0025). */
export const DEMO_PURPOSE_SAME_AS_TITLE = 'Chat and Chai';

export const DEMO_AWARDS: DemoAward[] = [
  {
    organisation: 'Olive Branch Community Garden',
    title: 'Growing Together at Olive Branch',
    summary:
      'A shared community garden on unused land off Park Road, where neighbours from many cultures grow food side by side and share what they harvest.',
    detail:
      'Residents of the flats around Park Road have no gardens of their own. We will build raised beds and a polytunnel, run weekly growing sessions led by a part-time coordinator, and hold a harvest supper each season where gardeners cook dishes from their home countries with what they have grown.',
    wards: ['Park'],
    priority: 'Bringing Communities Together',
    otherPriorities: ['Young People'],
    communities:
      'Pakistani, Polish, Lithuanian, Kurdish and White British neighbours living in the flats and terraces around Park Road, and the children of two nearby primary schools.',
    how: 'Each raised bed is shared by two households from different backgrounds. Growing sessions pair experienced gardeners with beginners, and the harvest suppers bring everyone to one table.',
    evidence:
      'The Park ward needs assessment (2018) found that residents of flats want shared green space to grow food and meet neighbours. Sixty-two residents signed our petition for the garden.',
    needs: ['Shared green space for growing food'],
    months: 12,
    lines: [
      ['Raised beds, polytunnel and tools', 'equipment', 485_000],
      ['Seeds, compost and plants', 'materials', 165_000],
      ['Garden coordinator, one day a week', 'staff', 460_000],
      ['Four harvest suppers', 'food', 90_000],
      ['Leaflets in six languages', 'publicity', 50_000],
    ],
    otherFunding: [
      { source: 'Housing association in-kind support (land and water)', amountPence: 120_000, secured: true },
    ],
    outcomes: {
      participants: 150,
      events: 48,
      volunteers: 15,
      peopleMeeting: 110,
      description:
        'Neighbours who did not know each other will garden together every week, and the garden will carry on with its own volunteer committee.',
    },
    risk: {
      risk: 'Vandalism of the garden',
      mitigation: 'A lockable polytunnel, and neighbours overlooking the site keep an eye on it.',
    },
    atRisk: false,
    signatory: { name: 'Grace Adeyemi', position: 'Chair of trustees' },
    profile: [4, 4, 4, 4, 4, 3],
    sentOn: '2019-02-04',
    panel: 1,
    awardPence: 1_250_000,
  },
  {
    organisation: 'Basketball Club Vytis',
    title: 'Basketball for All',
    summary:
      'An eight-month basketball project for children aged 8 to 16 from different backgrounds, with free coaching twice a week and mixed teams in every session.',
    detail:
      'Basketball Club Vytis was started by Lithuanian families and now welcomes everyone. Qualified coaches will run two free sessions a week at the Regional Pool and Fitness Centre, where children from different schools and communities play in mixed teams. The project ends with a family tournament open to the whole city.',
    wards: ['Central'],
    priority: 'Young People',
    otherPriorities: ['Bringing Communities Together'],
    communities:
      'Children of Lithuanian, Polish, Latvian, Pakistani, Bangladeshi, Black British and White British families in the city centre.',
    how: 'Teams are mixed at every session so children play alongside those from other schools and backgrounds. Parents volunteer together at matches and at the family tournament.',
    evidence:
      'The city centre youth survey asked for free, supervised sport after school, open to children of every background. Our waiting list has 40 children.',
    needs: ['After-school activities for young people'],
    months: 8,
    lines: [
      ['Qualified coaches, two sessions a week for eight months', 'staff', 720_000],
      ['Sports hall hire, 64 sessions', 'venue', 480_000],
      ['Balls, bibs and portable hoops', 'equipment', 135_000],
      ['Minibus to tournaments', 'travel', 95_000],
      ['Family tournament and food', 'food', 70_000],
    ],
    otherFunding: [{ source: 'Club membership fees', amountPence: 80_000, secured: true }],
    outcomes: {
      participants: 90,
      events: 70,
      volunteers: 10,
      peopleMeeting: 80,
      description:
        'Children from different backgrounds will play in the same teams and become friends; parents will know each other through the club.',
    },
    risk: {
      risk: 'A coach leaves during the project',
      mitigation: 'Two of our parents are training as coaches and can step in.',
    },
    atRisk: true,
    signatory: { name: 'Tomas Petrauskas', position: 'Club secretary' },
    profile: [5, 4, 4, 4, 4, 4],
    sentOn: '2019-02-11',
    panel: 1,
    awardPence: 1_500_000,
  },
  {
    organisation: 'Fabric of Society',
    title: 'Stitching Stories',
    summary:
      'A textiles group where more than 20 women from diverse cultures sew, embroider and practise English together, making a shared quilt of their stories.',
    detail:
      'The women teach each other techniques from their own traditions while a tutor helps them talk about their work in English. Each woman makes a panel of a quilt that tells her story of coming to, or growing up in, Peterborough. The finished quilt will be shown at the Central Library and at the cathedral.',
    wards: ['Central'],
    priority: 'English Language',
    otherPriorities: ['Bringing Communities Together', 'Economic Opportunity'],
    communities:
      'Women of Pakistani, Bangladeshi, Polish, Romanian, Eritrean, Caribbean and White British heritage, many of whom rarely leave home without their families.',
    how: 'Women work in small mixed groups at shared tables. They teach each other stitches from their home countries, and the tutor builds English around the work.',
    evidence:
      'Women from different communities told the Millfield and New England community conversations that they have few safe, friendly places to meet. Our taster sessions filled within a week.',
    needs: ['Places for women from different communities to meet'],
    months: 10,
    lines: [
      ['Sewing machines and overlockers', 'equipment', 340_000],
      ['Fabric, thread and haberdashery', 'materials', 230_000],
      ['Textile tutor and English conversation tutor', 'staff', 450_000],
      ['Workshop room hire', 'venue', 120_000],
      ['Crèche volunteers’ expenses', 'volunteer_expenses', 60_000],
    ],
    otherFunding: [],
    outcomes: {
      participants: 25,
      events: 40,
      volunteers: 6,
      peopleMeeting: 25,
      description:
        'Women will speak English more confidently, have friends from other cultures and skills they could use in work.',
    },
    risk: RISK_PEOPLE,
    atRisk: false,
    signatory: { name: 'Halima Begum', position: 'Director' },
    profile: [4, 4, 5, 4, 3, 4],
    disagreement: {
      criterion: 0,
      scores: [5, 2, 4],
      note: 'Assessors differed on bringing people together (2 to 5): one read the group as mostly one community. The group’s membership list shows women from seven countries; the panel agreed a 4.',
    },
    sentOn: '2019-02-18',
    panel: 1,
    awardPence: 1_200_000,
  },
  {
    organisation: 'Ravensthorpe Conversation Café',
    title: 'Chat and Chai',
    // The demo's deliberate slip for the open-data quality check (decision 0025): the group gave its
    // title again as the summary, which becomes the grant's purpose, published as its description.
    // The offer is still a draft, so the officer can write a real purpose before issuing it.
    summary: DEMO_PURPOSE_SAME_AS_TITLE,
    detail:
      'is a weekly conversation café in Ravensthorpe where adults learning English practise with local volunteers over tea and chai. Every Tuesday evening and Saturday morning our volunteers host small tables where people learning English talk with people who grew up here about everyday things: the doctor, the school, the football. Volunteers are trained in how to help people practise, and everyone brings something to share.',
    wards: ['Ravensthorpe'],
    priority: 'English Language',
    otherPriorities: ['Bringing Communities Together'],
    communities:
      'Adults new to the area from Eastern Europe, South Asia, Syria and Afghanistan, and long-standing residents who volunteer.',
    how: 'Every table has learners and local volunteers together. Once a month the café becomes a shared meal where learners cook for the volunteers.',
    evidence:
      'Adults learning English told the council they want relaxed places to practise speaking outside formal classes. College ESOL classes in the city have waiting lists.',
    needs: ['Practising everyday English'],
    months: 11,
    lines: [
      ['Room hire, 46 weekly cafés', 'venue', 276_000],
      ['Tea, chai and snacks', 'food', 184_000],
      ['Volunteer training in conversation practice', 'staff', 190_000],
      ['Games, books and picture cards', 'materials', 60_000],
      ['Volunteer travel', 'volunteer_expenses', 40_000],
    ],
    otherFunding: [],
    outcomes: {
      participants: 120,
      events: 46,
      volunteers: 14,
      peopleMeeting: 100,
      description:
        'Learners will speak English with more confidence and know local people who can help them.',
    },
    risk: RISK_PEOPLE,
    atRisk: false,
    signatory: { name: 'Farah Qureshi', position: 'Coordinator' },
    profile: [4, 4, 3, 4, 4, 3],
    sentOn: '2019-02-25',
    panel: 1,
    awardPence: 750_000,
  },
  {
    organisation: 'Bainton and Ashton Parish Council',
    title: 'Bainton and Ashton in Bloom',
    summary:
      'Intergenerational gardening: older residents and children from the village school plant and care for the village’s verges, planters and green together.',
    detail:
      'Monthly work days on Saturdays and a weekly after-school club bring grandparents, parents and children together, including families who have moved into the new homes on the edge of the village. A gardening tutor leads the sessions and the parish council provides the land.',
    wards: ['Barnack'],
    priority: 'Bringing Communities Together',
    otherPriorities: ['Young People'],
    communities:
      'Older residents who have lived in the villages for decades, young families in the new homes, and children from the village school.',
    how: 'Every work day pairs older gardeners with children and newer families. Tea and cake in the village hall afterwards give people time to talk.',
    evidence:
      'The parish plan consultation found that newer residents do not feel part of village life and that older residents living alone would like more contact with young people.',
    needs: ['Loneliness among older residents'],
    months: 9,
    lines: [
      ['Planters, benches and tools', 'equipment', 290_000],
      ['Bulbs, plants and compost', 'materials', 160_000],
      ['Gardening tutor sessions with the school', 'staff', 120_000],
      ['Tea and cake at work days', 'food', 35_000],
      ['Village newsletter and posters', 'publicity', 20_000],
    ],
    otherFunding: [{ source: 'Parish council precept', amountPence: 50_000, secured: true }],
    outcomes: {
      participants: 80,
      events: 30,
      volunteers: 20,
      peopleMeeting: 60,
      description:
        'Old and new residents will know each other, and the village will have a gardening group that carries on.',
    },
    risk: {
      risk: 'Bad weather on work days',
      mitigation: 'Indoor potting sessions in the village hall as a back-up.',
    },
    atRisk: true,
    signatory: { name: 'Susan Greaves', position: 'Parish clerk' },
    profile: [4, 3, 5, 4, 4, 4],
    sentOn: '2019-03-04',
    panel: 1,
    awardPence: 625_000,
  },
  {
    organisation: 'Hampton and Hargate Welcome Network',
    title: 'Welcome to Hampton',
    summary:
      'Volunteer buddies welcome families moving into the new estates of Hampton and Hargate, with welcome packs in eight languages and monthly socials.',
    detail:
      'Thousands of families have moved into Hampton in recent years, many from overseas and many from other parts of England. A part-time coordinator will train volunteer buddies, match them with new families, and run monthly socials where old and new residents meet.',
    wards: ['Hampton Vale', 'Hargate and Hempsted'],
    priority: 'Bringing Communities Together',
    otherPriorities: ['English Language'],
    communities:
      'New families from India, Poland, Romania, Nigeria and elsewhere in England, and residents who have lived in Hampton since it was built.',
    how: 'Each new family is matched with a buddy from a different background. Monthly socials bring all the families and buddies together.',
    evidence:
      'Residents’ association surveys show that new residents do not know their neighbours. The volunteering need in the council’s project bank describes people new to the city wanting to help.',
    needs: ['Volunteering for people new to the city'],
    months: 12,
    lines: [
      ['Part-time welcome coordinator', 'staff', 780_000],
      ['Welcome packs in eight languages', 'publicity', 190_000],
      ['Hall hire for monthly socials', 'venue', 180_000],
      ['Food at socials', 'food', 140_000],
      ['Buddy training and expenses', 'volunteer_expenses', 110_000],
    ],
    otherFunding: [],
    outcomes: {
      participants: 300,
      events: 24,
      volunteers: 30,
      peopleMeeting: 250,
      description:
        'New families will feel at home sooner, and a network of buddies will carry on welcoming people.',
    },
    risk: {
      risk: 'Not enough volunteer buddies',
      mitigation: 'We will recruit through schools, churches and the residents’ association.',
    },
    atRisk: false,
    signatory: { name: 'Joanna Wiśniewska', position: 'Chair of trustees' },
    profile: [4, 4, 4, 3, 4, 4],
    sentOn: '2019-03-08',
    panel: 1,
    awardPence: 1_400_000,
  },
  {
    organisation: 'Fletton Faith Forum',
    title: 'Open Doors, Shared Tables',
    summary:
      'Six shared meals, each hosted by a different church, mosque, gurdwara or temple, where neighbours of every faith and none eat and talk together.',
    detail:
      'Each place of worship opens its doors in turn, explains what happens there, and serves a meal. Between meals, a facilitator runs dialogue evenings where young people and adults talk about what they share and where they differ.',
    wards: ['Fletton and Woodston'],
    priority: 'Bringing Communities Together',
    otherPriorities: [],
    communities: 'Christian, Muslim, Sikh, Hindu and non-religious residents of Fletton and Woodston.',
    how: 'Guests sit at mixed tables with a host from the place of worship. Dialogue evenings mix people from every faith.',
    evidence:
      'After local tensions in 2018 our members agreed that most residents have never been inside another faith’s place of worship.',
    needs: [],
    months: 10,
    lines: [
      ['Shared meals at six places of worship', 'food', 330_000],
      ['Hall hire', 'venue', 120_000],
      ['Facilitator for dialogue evenings', 'staff', 180_000],
      ['Minibus for visits', 'travel', 60_000],
      ['Publicity', 'publicity', 30_000],
    ],
    otherFunding: [{ source: 'Donations from member congregations', amountPence: 60_000, secured: true }],
    outcomes: {
      participants: 400,
      events: 12,
      volunteers: 25,
      peopleMeeting: 350,
      description:
        'Neighbours of different faiths will understand each other better and know who to call when tensions rise.',
    },
    risk: RISK_PEOPLE,
    atRisk: false,
    signatory: { name: 'Paul Adebayo', position: 'Convenor' },
    profile: [5, 3, 4, 4, 4, 3],
    sentOn: '2019-03-13',
    panel: 1,
    awardPence: 720_000,
  },
  {
    organisation: 'Disability Peterborough',
    title: 'Everyone Included',
    summary:
      'An inclusion project in three wards that brings disabled and non-disabled residents together in local clubs, groups and events.',
    detail:
      'Inclusion workers in Bretton, Orton Longueville and Dogsthorpe will work with local clubs and community groups so that disabled people can join in, and run mixed activities: walking groups, quizzes and craft sessions. Interpreters and easy-read materials make every activity open to everyone.',
    wards: ['Bretton', 'Orton Longueville', 'Dogsthorpe'],
    priority: 'Bringing Communities Together',
    otherPriorities: ['Economic Opportunity'],
    communities:
      'Disabled and non-disabled residents of every background in Bretton, Orton Longueville and Dogsthorpe, including Deaf residents who use BSL.',
    how: 'Activities are designed with disabled residents, and every group mixes disabled and non-disabled people of different backgrounds and ages.',
    evidence:
      'Our members’ survey found that disabled people from minority communities are the most isolated. Local clubs told us they want to be more inclusive but do not know how.',
    needs: [],
    months: 12,
    lines: [
      ['Inclusion workers in three wards', 'staff', 1_140_000],
      ['Accessible venue hire', 'venue', 360_000],
      ['Accessible transport', 'travel', 286_000],
      ['BSL interpreters and easy-read materials', 'other', 140_000],
      ['Volunteer expenses', 'volunteer_expenses', 70_000],
    ],
    otherFunding: [],
    outcomes: {
      participants: 240,
      events: 90,
      volunteers: 18,
      peopleMeeting: 200,
      description:
        'Disabled residents will take part in local clubs, and the clubs will know how to include them.',
    },
    risk: {
      risk: 'Transport lets participants down',
      mitigation: 'We will book accessible transport in advance and keep a list of volunteer drivers.',
    },
    atRisk: true,
    signatory: { name: 'Mark Doyle', position: 'Chief executive' },
    profile: [4, 4, 4, 4, 3, 4],
    sentOn: '2019-03-18',
    panel: 1,
    awardPence: 1_800_000,
    partialReason:
      'The panel did not fund £1,960 of the accessible transport: the council’s Dial-a-Ride service can carry participants in two of the three wards.',
  },
  {
    organisation: 'Brookside Meadow Primary School',
    title: 'Family Languages Club',
    summary:
      'A weekly club where parents learn English alongside their children, with a crèche for younger children and a summer trip for the whole family.',
    detail:
      'Many parents at our school speak little English and cannot help with homework or talk to teachers. An ESOL tutor will run sessions after school where parents and children learn together, and parents who speak English well will volunteer as conversation partners.',
    wards: ['Paston and Walton'],
    priority: 'English Language',
    otherPriorities: ['Young People'],
    communities:
      'Families at the school from 23 language backgrounds, including Polish, Urdu, Lithuanian, Portuguese and Romanian speakers, and English-speaking parents.',
    how: 'English-speaking parents volunteer as conversation partners, and families from different backgrounds work together on shared tasks.',
    evidence:
      'Our parent survey found 41 parents who would like to improve their English. Teachers report that language is the main barrier to parents taking part in school life.',
    needs: ['Practising everyday English'],
    months: 10,
    lines: [
      ['ESOL tutor for parents', 'staff', 540_000],
      ['Crèche worker', 'staff', 180_000],
      ['Books and learning materials', 'materials', 130_000],
      ['Refreshments', 'food', 70_000],
      ['Family trip to Ferry Meadows', 'travel', 40_000],
    ],
    otherFunding: [{ source: 'School budget (room and caretaking)', amountPence: 90_000, secured: true }],
    outcomes: {
      participants: 70,
      events: 36,
      volunteers: 8,
      peopleMeeting: 60,
      description:
        'Parents will speak English more confidently and take part in their children’s school life.',
    },
    risk: RISK_PEOPLE,
    atRisk: true,
    signatory: { name: 'Anita Kaur', position: 'Headteacher' },
    profile: [3, 4, 3, 5, 4, 3],
    sentOn: '2019-03-22',
    panel: 1,
    awardPence: 960_000,
  },
  {
    organisation: 'Stanground Good Neighbours',
    title: 'Lunch and Learn Across Generations',
    summary:
      'A fortnightly lunch club where older residents and young people from Stanground share a meal and teach each other something new.',
    detail:
      'Young people from the local academy teach older residents to use phones and tablets; older residents teach cooking, knitting and local history. Lunch is cooked by volunteers from different communities, so each month has a different menu.',
    wards: ['Stanground South', 'Fletton and Stanground'],
    priority: 'Bringing Communities Together',
    otherPriorities: ['Young People'],
    communities:
      'Older residents, many living alone, and young people from the academy, from White British, Polish, Pakistani and Filipino families.',
    how: 'Every table mixes older and younger people, and the volunteer cooks come from different communities.',
    evidence:
      'The adult social care locality profile shows high numbers of older people living alone. Older residents told us they would like to meet younger people and newer neighbours.',
    needs: ['Loneliness among older residents'],
    months: 12,
    lines: [
      ['Lunches', 'food', 390_000],
      ['Hall hire', 'venue', 175_000],
      ['Sessional coordinator', 'staff', 210_000],
      ['Transport for older residents', 'travel', 60_000],
      ['Materials for activities', 'materials', 30_000],
    ],
    otherFunding: [],
    outcomes: {
      participants: 110,
      events: 26,
      volunteers: 16,
      peopleMeeting: 90,
      description: 'Older residents will be less lonely and young people will know their older neighbours.',
    },
    risk: RISK_PEOPLE,
    atRisk: true,
    signatory: { name: 'Margaret Holt', position: 'Secretary' },
    profile: [4, 5, 4, 4, 3, 4],
    sentOn: '2019-03-27',
    panel: 1,
    awardPence: 865_000,
  },
  {
    organisation: 'Langdyke Countryside Trust',
    title: 'Art Pop-up at Langdyke nature reserves',
    summary:
      'Pop-up art workshops at Langdyke’s nature reserves, bringing city families and village residents to make art from nature together.',
    detail:
      'Artists will run free pop-up workshops at Swaddywell Pit and Etton Maxey on summer weekends. A coach will bring families from the city centre who rarely visit the countryside; villagers and volunteers will welcome them. The work made will be shown at an exhibition at the end of the season.',
    wards: ['Glinton and Castor', 'Barnack'],
    priority: 'Bringing Communities Together',
    otherPriorities: ['Young People'],
    communities:
      'Families from the city centre, many of South Asian and Eastern European heritage, and residents of the villages around the reserves.',
    how: 'City families and village residents work side by side in every workshop, guided by artists and our volunteers.',
    evidence:
      'Our visitor surveys show that almost no visitors come from the city’s most diverse wards. Community groups in the city told us families would come if transport were arranged.',
    needs: [],
    months: 6,
    lines: [
      ['Artists leading pop-up workshops', 'staff', 520_000],
      ['Art materials', 'materials', 190_000],
      ['Coach travel from the city to the reserves', 'travel', 180_000],
      ['End-of-season exhibition', 'venue', 50_000],
      ['Publicity', 'publicity', 40_000],
    ],
    otherFunding: [{ source: 'Trust volunteers’ time (in kind)', amountPence: 150_000, secured: true }],
    outcomes: {
      participants: 300,
      events: 16,
      volunteers: 20,
      peopleMeeting: 250,
      description:
        'City families will discover the reserves and meet village residents; some will come back as volunteers.',
    },
    risk: {
      risk: 'Bad weather on workshop days',
      mitigation: 'Covered space at Swaddywell and a back-up date for each workshop.',
    },
    atRisk: false,
    signatory: { name: 'Ruth Barker', position: 'Trust manager' },
    profile: [4, 3, 3, 5, 4, 3],
    sentOn: '2019-04-01',
    panel: 2,
    awardPence: 980_000,
  },
  {
    organisation: 'Lincoln Road Musicians’ Collective',
    title: 'Many Voices Choir',
    summary:
      'A community choir singing songs in many languages, open to anyone in Millfield, New England and the city centre, whatever their voice.',
    detail:
      'Members teach the choir songs from their own cultures, from Punjabi folk songs to Lithuanian hymns and Caribbean calypso. The choir will rehearse weekly and give three free concerts in the city, the last one at the Key Theatre.',
    wards: ['Millfield and New England', 'Central'],
    priority: 'Bringing Communities Together',
    otherPriorities: ['English Language'],
    communities:
      'Residents of Millfield and New England and the city centre from South Asian, Eastern European, Caribbean, African and White British backgrounds.',
    how: 'Each member teaches the choir a song from their culture, and the choir learns it together.',
    evidence:
      'Our open singing taster in 2018 attracted people from 14 countries who asked for a regular choir.',
    needs: [],
    months: 10,
    lines: [
      ['Choir leader and musicians', 'staff', 690_000],
      ['Rehearsal space', 'venue', 270_000],
      ['Instruments and sound system', 'equipment', 180_000],
      ['Concert costs', 'other', 90_000],
      ['Publicity', 'publicity', 50_000],
    ],
    otherFunding: [],
    outcomes: {
      participants: 60,
      events: 43,
      volunteers: 8,
      peopleMeeting: 55,
      description: 'Members from many cultures will sing together every week and perform for the city.',
    },
    risk: RISK_PEOPLE,
    atRisk: false,
    signatory: { name: 'Delroy Campbell', position: 'Musical director' },
    profile: [5, 3, 4, 4, 3, 4],
    sentOn: '2019-04-04',
    panel: 2,
    awardPence: 1_280_000,
  },
  {
    organisation: 'Dogsthorpe Dads and Lads',
    title: 'Dads and Lads Kick-about and Cook-up',
    summary:
      'Weekly football and cooking sessions for fathers and sons from different communities in Dogsthorpe, ending with a shared meal.',
    detail:
      'Dads and their sons play football for an hour with a qualified coach, then cook a meal together in the community centre kitchen, taking turns to cook dishes from their own backgrounds.',
    wards: ['Dogsthorpe'],
    priority: 'Young People',
    otherPriorities: ['Bringing Communities Together'],
    communities:
      'Fathers and sons from Pakistani, Polish, Roma, Kurdish and White British families in Dogsthorpe.',
    how: 'Football teams and cooking groups are mixed each week so families get to know others from different backgrounds.',
    evidence:
      'Local schools told us that fathers from different communities rarely meet. Twenty-five fathers came to our trial sessions.',
    needs: ['After-school activities for young people'],
    months: 9,
    lines: [
      ['Pitch and kitchen hire', 'venue', 325_000],
      ['FA-qualified coach', 'staff', 260_000],
      ['Food for cook-ups', 'food', 180_000],
      ['Kit and balls', 'equipment', 110_000],
      ['Day trip to a professional match', 'travel', 50_000],
    ],
    otherFunding: [],
    outcomes: {
      participants: 60,
      events: 36,
      volunteers: 6,
      peopleMeeting: 55,
      description:
        'Fathers and sons from different backgrounds will become friends through football and food.',
    },
    risk: RISK_PEOPLE,
    atRisk: true,
    signatory: { name: 'Lee Marsh', position: 'Organiser' },
    profile: [4, 3, 4, 3, 3, 3],
    sentOn: '2019-04-08',
    panel: 2,
    awardPence: 800_000,
    partialReason:
      'The panel did not fund the day trip to a professional match (£500) or new kit beyond balls and bibs (£750); it funded the weekly sessions in full.',
  },
  {
    organisation: 'Bretton Repair Café CIC',
    title: 'Fix It Together',
    summary:
      'A repair café where residents of every background fix household items together, share skills and learn a trade.',
    detail:
      'Volunteer repairers and sessional repair coaches will run two sessions a week. Residents bring broken items and learn to fix them; some will train as repairers and gain a certificate that helps them find work.',
    wards: ['Bretton'],
    priority: 'Economic Opportunity',
    otherPriorities: ['Bringing Communities Together'],
    communities:
      'Bretton residents of every background, including newer arrivals from Eastern Europe and Africa and retired tradespeople.',
    how: 'Repairers and visitors from different backgrounds work side by side at the repair benches.',
    evidence:
      'Residents told us they want to learn practical skills. Retired tradespeople want to pass their skills on.',
    needs: ['Volunteering for people new to the city'],
    months: 12,
    lines: [
      ['Tools and test equipment', 'equipment', 320_000],
      ['Workshop rent', 'venue', 360_000],
      ['Repair coaches (sessional)', 'staff', 320_000],
      ['Volunteer expenses', 'volunteer_expenses', 80_000],
      ['Publicity', 'publicity', 60_000],
    ],
    otherFunding: [],
    outcomes: {
      participants: 200,
      events: 96,
      volunteers: 20,
      peopleMeeting: 150,
      description:
        'Residents will gain practical skills and some will move into work; the café will continue on donations.',
    },
    risk: {
      risk: 'Electrical safety',
      mitigation: 'All electrical repairs are checked by a qualified electrician before items leave.',
    },
    atRisk: false,
    signatory: { name: 'Marek Nowak', position: 'Director' },
    profile: [4, 4, 4, 4, 4, 5],
    sentOn: '2019-04-11',
    panel: 2,
    awardPence: 1_140_000,
  },
  {
    organisation: 'Peterborough Skills Bridge CIC',
    title: 'Skills Bridge Mentoring',
    summary:
      'Volunteer mentors from local businesses help people new to the city into work, with job-ready workshops held across Peterborough.',
    detail:
      'A project coordinator will recruit and train mentors, match each participant with a mentor from a different background, and run monthly workshops on CVs, interviews and workplace English.',
    wards: ['City-wide'],
    priority: 'Economic Opportunity',
    otherPriorities: ['English Language'],
    communities:
      'People new to Peterborough from more than 20 countries, and mentors from local businesses and public services.',
    how: 'Each participant is matched with a mentor from a different background, and workshops mix participants and mentors.',
    evidence:
      'Jobcentre partners told us that newer arrivals struggle to find work that matches their skills.',
    needs: ['Volunteering for people new to the city'],
    months: 12,
    lines: [
      ['Project coordinator', 'staff', 1_050_000],
      ['Laptops for participants', 'equipment', 250_000],
      ['Training room hire', 'venue', 300_000],
      ['Mentor training and expenses', 'volunteer_expenses', 240_000],
      ['Childcare during workshops', 'other', 160_000],
    ],
    otherFunding: [{ source: 'Business sponsorship', amountPence: 300_000, secured: false }],
    outcomes: {
      participants: 80,
      events: 24,
      volunteers: 40,
      peopleMeeting: 120,
      description:
        'Participants will find work or training, and mentors will understand the barriers newcomers face.',
    },
    risk: {
      risk: 'Businesses do not release mentors',
      mitigation: 'We have letters of support from six employers.',
    },
    atRisk: false,
    signatory: { name: 'Natalia Ivanova', position: 'Managing director' },
    profile: [3, 4, 3, 3, 3, 4],
    disagreement: {
      criterion: 4,
      scores: [1, 4, 3],
      note: 'Assessors differed on value for money (1 to 4) because of the laptops. The panel agreed to fund everything except the laptops.',
    },
    sentOn: '2019-04-15',
    panel: 2,
    awardPence: 1_750_000,
    partialReason:
      'The panel did not fund the laptops (£2,500): participants can use the computers at Central Library and at the group’s partners.',
  },
  {
    organisation: 'Newborough and Thorney Community Cinema',
    title: 'World Cinema Nights',
    summary:
      'Monthly film nights in Thorney and Newborough showing films from the home countries of villagers, with food to match.',
    detail:
      'Villagers choose the films, introduce them and cook food from the country each film comes from. Many farm workers from Eastern Europe live in the villages but rarely take part in village life; the cinema gives everyone a reason to meet.',
    wards: ['Eye, Thorney and Newborough'],
    priority: 'Bringing Communities Together',
    otherPriorities: [],
    communities:
      'Long-standing villagers and farm workers from Poland, Lithuania, Latvia, Bulgaria and Romania.',
    how: 'Films are chosen and introduced by villagers from different countries, and the food is cooked together.',
    evidence: 'Our village survey found that newer residents do not know where to meet local people.',
    needs: [],
    months: 12,
    lines: [
      ['Projector, screen and sound', 'equipment', 245_000],
      ['Film licences', 'other', 115_000],
      ['Village hall hire', 'venue', 80_000],
      ['Food from around the world', 'food', 45_000],
      ['Posters', 'publicity', 15_000],
    ],
    otherFunding: [],
    outcomes: {
      participants: 250,
      events: 12,
      volunteers: 10,
      peopleMeeting: 200,
      description:
        'Villagers old and new will meet every month, and the cinema will continue on ticket donations.',
    },
    risk: RISK_PEOPLE,
    atRisk: false,
    signatory: { name: 'Carol Pettit', position: 'Chair' },
    profile: [4, 3, 4, 4, 5, 4],
    sentOn: '2019-04-18',
    panel: 2,
    awardPence: 500_000,
  },
  {
    organisation: 'Ortons Cricket for All',
    title: 'Cricket in the Park',
    summary:
      'Free cricket sessions in the Ortons for children and families from every background, with a family festival at the end of the summer.',
    detail:
      'ECB-qualified coaches will run weekly sessions in the park for children aged 7 to 15 and their parents. Families from South Asian backgrounds who love cricket will play alongside families new to the game.',
    wards: ['Orton Waterville', 'Orton Longueville'],
    priority: 'Young People',
    otherPriorities: ['Bringing Communities Together'],
    communities:
      'Families of Pakistani, Indian, Sri Lankan, Polish and White British heritage in the Ortons.',
    how: 'Teams are mixed at every session, and the family festival brings all the families together.',
    evidence:
      'The city centre youth survey found young people want free sport open to everyone. Our taster day had 80 children.',
    needs: ['After-school activities for young people'],
    months: 7,
    lines: [
      ['ECB coaches', 'staff', 480_000],
      ['Cricket kit', 'equipment', 260_000],
      ['Pitch hire', 'venue', 150_000],
      ['Family festival food', 'food', 80_000],
      ['Travel to matches', 'travel', 50_000],
    ],
    otherFunding: [],
    outcomes: {
      participants: 150,
      events: 30,
      volunteers: 12,
      peopleMeeting: 120,
      description: 'Children and parents from different backgrounds will play and volunteer together.',
    },
    risk: RISK_PEOPLE,
    atRisk: true,
    signatory: { name: 'Imran Akhtar', position: 'Chair' },
    profile: [4, 3, 4, 4, 4, 3],
    sentOn: '2019-04-23',
    panel: 2,
    awardPence: 1_020_000,
  },
  {
    organisation: 'Gunthorpe and Werrington Youth Theatre',
    title: 'Our Streets, Our Stories',
    summary:
      'Young people from different backgrounds write and perform a play about growing up in their neighbourhood, based on interviews with residents.',
    detail:
      'Young people aged 12 to 18 will interview neighbours of every age and background, and write a play from their stories with a professional director and writer. The play will be performed at the Key Theatre and in community centres.',
    wards: ['Gunthorpe', 'Werrington'],
    priority: 'Young People',
    otherPriorities: ['Bringing Communities Together'],
    communities:
      'Young people from Gunthorpe and Werrington of Polish, Pakistani, Indian, Black British and White British heritage, and the older residents they interview.',
    how: 'Young people from different schools and backgrounds work in mixed groups, and interview residents from communities other than their own.',
    evidence:
      'Young people told us there is nothing for them in the area that mixes schools and communities.',
    needs: ['After-school activities for young people'],
    months: 9,
    lines: [
      ['Theatre director and writer', 'staff', 840_000],
      ['Rehearsal space', 'venue', 280_000],
      ['Set, costumes and props', 'materials', 210_000],
      ['Theatre hire for performances', 'venue', 190_000],
      ['Publicity', 'publicity', 80_000],
    ],
    otherFunding: [{ source: 'Ticket sales', amountPence: 100_000, secured: false }],
    outcomes: {
      participants: 45,
      events: 40,
      volunteers: 10,
      peopleMeeting: 300,
      description:
        'Young people will gain confidence and friends from other backgrounds; audiences will hear their neighbours’ stories.',
    },
    risk: RISK_PEOPLE,
    atRisk: true,
    signatory: { name: 'Sam Okoye', position: 'Artistic director' },
    profile: [5, 4, 5, 4, 3, 4],
    sentOn: '2019-04-26',
    panel: 2,
    awardPence: 1_600_000,
  },
  {
    organisation: 'East Ward Bike Kitchen',
    title: 'Bikes for Everyone',
    summary:
      'A community bike workshop where residents refurbish donated bikes together, learn to ride safely and take a bike home.',
    detail:
      'A mechanic and cycle instructors will teach residents to repair bikes and to ride safely on the city’s cycle paths. Newer arrivals who need transport to work will earn a bike by helping to refurbish others.',
    wards: ['East'],
    priority: 'Economic Opportunity',
    otherPriorities: ['Bringing Communities Together'],
    communities:
      'Residents of East ward of every background, including newer arrivals from Eastern Europe, Africa and the Middle East.',
    how: 'Residents from different backgrounds work in pairs at the repair stands and ride together on group rides.',
    evidence:
      'Residents told us that transport to work is a barrier, and many donated bikes are thrown away.',
    needs: [],
    months: 12,
    lines: [
      ['Workshop tools and stands', 'equipment', 310_000],
      ['Spare parts', 'materials', 290_000],
      ['Mechanic and cycle instructors', 'staff', 540_000],
      ['Workshop rent', 'venue', 170_000],
      ['Helmets and locks', 'equipment', 50_000],
    ],
    otherFunding: [],
    outcomes: {
      participants: 160,
      events: 100,
      volunteers: 12,
      peopleMeeting: 120,
      description:
        'Residents will have bikes and skills to get to work, and the workshop will carry on with volunteers.',
    },
    risk: RISK_PEOPLE,
    atRisk: false,
    signatory: { name: 'Jonas Kazlauskas', position: 'Coordinator' },
    profile: [4, 4, 4, 4, 5, 4],
    sentOn: '2019-04-30',
    panel: 2,
    awardPence: 1_360_000,
  },
];

/** Bids going through the fund now: two eligible, two being assessed, two scored and ready for the panel. */
export const DEMO_IN_PLAY: DemoInPlay[] = [
  {
    organisation: 'Peterborough Chess Circle',
    title: 'Chess in the Square',
    summary:
      'Free outdoor chess in Cathedral Square and the library, where players of every age and background meet over a board.',
    detail:
      'Giant chess sets in the square on summer Saturdays, and weekly sessions in the library in winter, with coaching for beginners.',
    wards: ['Central'],
    priority: 'Young People',
    otherPriorities: ['Bringing Communities Together'],
    communities: 'Children, young people and adults from every community in the city centre.',
    how: 'Players are paired with opponents they do not know, and beginners with experienced players.',
    evidence: 'The city centre youth survey asked for free activities open to every background.',
    needs: ['After-school activities for young people'],
    months: 8,
    lines: [
      ['Chess sets and giant boards', 'equipment', 120_000],
      ['Chess coach', 'staff', 180_000],
      ['Library room hire', 'venue', 50_000],
      ['Publicity', 'publicity', 30_000],
    ],
    otherFunding: [],
    outcomes: {
      participants: 200,
      events: 40,
      volunteers: 6,
      peopleMeeting: 150,
      description: 'People of every age and background will meet over chess.',
    },
    risk: RISK_PEOPLE,
    atRisk: true,
    signatory: { name: 'Viktor Horváth', position: 'Chair' },
    profile: [3, 3, 3, 3, 3, 3],
    stage: 'eligible',
    sentDaysAgo: 10,
  },
  {
    organisation: 'Werrington Tea and Talk',
    title: 'Tea and Talk for All Ages',
    summary:
      'A weekly drop-in where older residents and newer neighbours in Werrington meet for tea, talk and a game of cards.',
    detail:
      'Volunteers welcome everyone each Wednesday afternoon, and once a month a guest shares food from their culture.',
    wards: ['Werrington'],
    priority: 'Bringing Communities Together',
    otherPriorities: [],
    communities: 'Older residents of Werrington and newer neighbours from Eastern Europe and South Asia.',
    how: 'Volunteers introduce people who have not met and sit them together.',
    evidence:
      'Older residents told the adult social care locality profile they would like to meet newer neighbours.',
    needs: ['Loneliness among older residents'],
    months: 12,
    lines: [
      ['Hall hire', 'venue', 150_000],
      ['Tea and food', 'food', 180_000],
      ['Volunteer coordinator', 'staff', 90_000],
      ['Publicity', 'publicity', 30_000],
    ],
    otherFunding: [],
    outcomes: {
      participants: 90,
      events: 50,
      volunteers: 8,
      peopleMeeting: 70,
      description: 'Older and newer residents will know each other by name.',
    },
    risk: RISK_PEOPLE,
    atRisk: false,
    signatory: { name: 'Brenda Collins', position: 'Organiser' },
    profile: [3, 3, 3, 3, 3, 3],
    stage: 'eligible',
    sentDaysAgo: 8,
  },
  {
    organisation: 'Park Ward Parents’ Forum',
    title: 'School Gate English',
    summary:
      'Informal English sessions for parents at three Park ward primary schools, straight after the morning drop-off, with a crèche.',
    detail:
      'A tutor and parent volunteers run friendly sessions on everyday English: talking to teachers, the doctor and neighbours.',
    wards: ['Park'],
    priority: 'English Language',
    otherPriorities: ['Bringing Communities Together'],
    communities:
      'Parents from Pakistani, Bangladeshi, Polish, Romanian and Kurdish families, and English-speaking parent volunteers.',
    how: 'English-speaking parents volunteer as conversation partners, so parents from different backgrounds get to know each other.',
    evidence: 'Head teachers report that many parents cannot talk to staff without an interpreter.',
    needs: ['Practising everyday English'],
    months: 10,
    lines: [
      ['English tutor', 'staff', 420_000],
      ['Crèche workers', 'staff', 150_000],
      ['Learning materials', 'materials', 70_000],
      ['Refreshments', 'food', 50_000],
    ],
    otherFunding: [],
    outcomes: {
      participants: 60,
      events: 90,
      volunteers: 10,
      peopleMeeting: 60,
      description: 'Parents will speak English more confidently and know parents from other communities.',
    },
    risk: RISK_PEOPLE,
    atRisk: true,
    signatory: { name: 'Shazia Malik', position: 'Chair' },
    profile: [4, 4, 3, 4, 4, 3],
    stage: 'in_assessment',
    sentDaysAgo: 28,
  },
  {
    organisation: 'Woodston Wheels Cycling Club',
    title: 'Ride Together',
    summary:
      'Learn-to-ride courses and weekly group rides for young people and families from every background in Woodston and Fletton.',
    detail:
      'The club will lend bikes, train young ride leaders and run rides along the river to Ferry Meadows.',
    wards: ['Fletton and Woodston'],
    priority: 'Young People',
    otherPriorities: ['Economic Opportunity'],
    communities: 'Young people and families of every background in Woodston and Fletton.',
    how: 'Ride groups mix families and young people from different schools and communities.',
    evidence:
      'Schools told us many children cannot ride a bike; families new to the area do not know the cycle routes.',
    needs: ['After-school activities for young people'],
    months: 9,
    lines: [
      ['Bikes to lend', 'equipment', 400_000],
      ['Instructors', 'staff', 270_000],
      ['Maintenance and parts', 'materials', 80_000],
      ['Travel to events', 'travel', 45_000],
      ['Publicity', 'publicity', 30_000],
    ],
    otherFunding: [],
    outcomes: {
      participants: 120,
      events: 60,
      volunteers: 12,
      peopleMeeting: 90,
      description: 'Young people will ride safely and make friends across communities.',
    },
    risk: RISK_PEOPLE,
    atRisk: true,
    signatory: { name: 'Kyle Bennett', position: 'Club secretary' },
    profile: [4, 3, 4, 3, 4, 3],
    stage: 'in_assessment',
    sentDaysAgo: 24,
  },
  {
    organisation: 'New England Kitchen Garden',
    title: 'Seeds of Welcome',
    summary:
      'A kitchen garden on the Newark Avenue allotments where new arrivals and long-standing residents grow, cook and eat together.',
    detail:
      'A grower will lead weekly sessions; each month the gardeners cook what they have grown in the community kitchen.',
    wards: ['Millfield and New England'],
    priority: 'Bringing Communities Together',
    otherPriorities: ['English Language'],
    communities:
      'New arrivals from Syria, Eritrea, Afghanistan and Eastern Europe, and long-standing residents of New England.',
    how: 'Each plot is shared by a newer and a longer-standing household.',
    evidence:
      'Residents asked in the community conversations for places to meet; there is a waiting list for allotments.',
    needs: ['Places for women from different communities to meet'],
    months: 12,
    lines: [
      ['Tools, shed and water butts', 'equipment', 360_000],
      ['Seeds, plants and compost', 'materials', 185_000],
      ['Grower, two days a week', 'staff', 480_000],
      ['Monthly shared meals', 'food', 100_000],
      ['Publicity', 'publicity', 50_000],
    ],
    otherFunding: [],
    outcomes: {
      participants: 100,
      events: 60,
      volunteers: 12,
      peopleMeeting: 80,
      description: 'Newer and longer-standing residents will grow, cook and eat together.',
    },
    risk: RISK_PEOPLE,
    atRisk: false,
    signatory: { name: 'Gurpreet Sandhu', position: 'Secretary' },
    profile: [4, 3, 4, 4, 4, 3],
    disagreement: { criterion: 1, scores: [2, 5, 4] },
    stage: 'scored',
    sentDaysAgo: 45,
  },
  {
    organisation: 'Dogsthorpe Community Radio CIC',
    title: 'Neighbours on Air',
    summary:
      'Residents from different communities make a weekly radio show together, learning broadcasting skills that can lead to work.',
    detail:
      'Mixed teams of volunteers research, record and present a show about their neighbourhood, trained by professional presenters.',
    wards: ['Dogsthorpe', 'East'],
    priority: 'Economic Opportunity',
    otherPriorities: ['Bringing Communities Together'],
    communities:
      'Residents of Dogsthorpe and East ward from Pakistani, Polish, Roma, Nigerian and White British backgrounds.',
    how: 'Each show is made by a team of volunteers from at least three communities.',
    evidence: 'Residents said they do not hear their own neighbourhood on local media.',
    needs: [],
    months: 12,
    lines: [
      ['Studio and recording equipment', 'equipment', 590_000],
      ['Trainer presenters', 'staff', 720_000],
      ['Studio rent', 'venue', 240_000],
      ['Publicity', 'publicity', 90_000],
    ],
    otherFunding: [],
    outcomes: {
      participants: 70,
      events: 52,
      volunteers: 30,
      peopleMeeting: 70,
      description: 'Volunteers will gain broadcasting skills and make friends across communities.',
    },
    risk: { risk: 'Equipment breaks', mitigation: 'A maintenance agreement with the supplier.' },
    atRisk: false,
    signatory: { name: 'Aisha Bello', position: 'Director' },
    profile: [4, 3, 4, 3, 3, 4],
    disagreement: { criterion: 3, scores: [1, 4, 5] },
    stage: 'scored',
    sentDaysAgo: 40,
  },
];

/** Groups of young people with bids to the Youth Fund (issue 9, item 21). Invented. */
export const DEMO_YOUTH_ORGANISATIONS: DemoOrganisation[] = [
  {
    name: 'Peterborough Young Voices',
    type: 'community_group',
    registeredNumber: null,
    ward: 'Central',
    addressLine1: 'The Youth Hub, 60 Broadway',
    postcode: 'PE1 1SU',
    contactName: 'Tanisha Clarke',
  },
  {
    name: 'Werrington Skate Collective',
    type: 'community_group',
    registeredNumber: null,
    ward: 'Werrington',
    addressLine1: 'Werrington Leisure Centre, Staniland Way',
    postcode: 'PE4 6JT',
    contactName: 'Jordan Pike',
  },
];

/**
 * Youth Fund bids being assessed by the Youth Commissioners now: the demo's Youth Fund can be
 * assessed and decided end to end (issue 9, item 21). The first has one commissioner's scores in,
 * one half done and one still to declare; the second is waiting for all three to declare.
 */
export const DEMO_YOUTH_IN_PLAY: (DemoProject & { sentDaysAgo: number })[] = [
  {
    organisation: 'Peterborough Young Voices',
    title: 'Our Voice Podcast',
    summary:
      'Young people from different schools and communities make a monthly podcast about life in Peterborough, and what they want to change.',
    detail:
      'A youth panel of twelve chooses the topics, interviews guests and edits every episode, with a youth worker and a local radio producer to help.',
    wards: ['Central', 'Millfield and New England'],
    priority: 'Young People',
    otherPriorities: [],
    communities:
      'Young people aged 13 to 19 from the city centre and Millfield, including young people new to the city.',
    how: 'Each episode is made by a mixed team from different schools and backgrounds, who interview each other’s communities.',
    evidence:
      'The youth forum and a survey of 180 young people said they want to be heard and to learn media skills.',
    needs: ['After-school activities for young people'],
    months: 8,
    lines: [
      ['Microphones, headphones and a laptop', 'equipment', 180_000],
      ['Youth worker, two hours a week', 'staff', 160_000],
      ['Studio room hire', 'venue', 50_000],
      ['Snacks at recording sessions', 'food', 30_000],
    ],
    otherFunding: [{ source: 'Local radio station (studio time)', amountPence: 40_000, secured: true }],
    outcomes: {
      participants: 40,
      events: 32,
      volunteers: 12,
      peopleMeeting: 30,
      description: 'Young people will learn to make media and will be heard by the council and the city.',
    },
    risk: {
      risk: 'Young people drop out during exams',
      mitigation: 'The panel plans episodes around exams and shares the work between teams.',
    },
    atRisk: true,
    signatory: { name: 'Tanisha Clarke', position: 'Youth panel chair' },
    profile: [5, 4, 4, 3, 4, 3],
    sentDaysAgo: 20,
  },
  {
    organisation: 'Werrington Skate Collective',
    title: 'Skate Jam Sundays',
    summary:
      'Free Sunday skate sessions and coaching at the Werrington skate park, run by young skaters, for beginners of every background.',
    detail:
      'Older skaters train as volunteer coaches, lend boards and helmets, and hold a skate jam for the whole neighbourhood each season.',
    wards: ['Werrington'],
    priority: 'Young People',
    otherPriorities: [],
    communities:
      'Young people from Werrington, Gunthorpe and Paston, of many backgrounds, and their families.',
    how: 'Experienced skaters coach beginners they do not know, and the seasonal jams bring families to watch.',
    evidence: 'Forty young people signed a letter asking for coaching and safety kit at the park.',
    needs: ['After-school activities for young people'],
    months: 10,
    lines: [
      ['Boards, helmets and pads to lend', 'equipment', 160_000],
      ['Coaching qualifications for young coaches', 'staff', 120_000],
      ['Seasonal skate jams', 'other', 50_000],
      ['Publicity', 'publicity', 30_000],
    ],
    otherFunding: [],
    outcomes: {
      participants: 80,
      events: 40,
      volunteers: 10,
      peopleMeeting: 60,
      description: 'More young people will skate safely, and young coaches will gain qualifications.',
    },
    risk: {
      risk: 'Bad weather stops sessions',
      mitigation: 'Sessions move to the leisure centre sports hall when it rains.',
    },
    atRisk: true,
    signatory: { name: 'Jordan Pike', position: 'Organiser' },
    profile: [4, 3, 4, 4, 3, 3],
    sentDaysAgo: 16,
  },
];
