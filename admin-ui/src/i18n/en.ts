import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';

/** The console in English, the second language. Keys mirror ja.ts. */
const en: TranslationMessages = {
  ...englishMessages,
  shinsa: {
    title: 'Shinsa — certification renewal review',
    language: 'Language',
    login: {
      placeholder_note: 'Accounts are created by an administrator.',
    },
    rounds: {
      section: {
        basic: 'Basics',
        deadlines: 'Deadlines',
        cutoffs: 'Address cut-offs and renewal date',
        fees: 'Fees (yen)',
        requirements: 'Requirements',
      },
      saved: 'Round settings saved',
      conflict: 'Someone changed this round first. Reload the page and check the latest settings.',
    },
  },
  resources: {
    rounds: {
      name: 'Round |||| Rounds',
      fields: {
        id: 'Round ID',
        round: 'Round ID',
        label: 'Label',
        applicationOpens: 'Applications open',
        reviewFeeDeadline: 'Review fee deadline',
        elearningDeadline: 'E-learning deadline',
        registrationDeadline: 'Registration deadline',
        postmarkDeadline: 'Postmark deadline',
        resultsAddressCutoff: 'Results address cut-off',
        certificateAddressCutoff: 'Certificate address cut-off',
        renewalDate: 'Renewal date',
        'fees.review': 'Review fee',
        'fees.certification': 'Certification fee',
        'fees.handling': 'Handling fee',
        'requirements.cases': 'Cases required',
        'requirements.maxCases': 'Cases at most',
        'requirements.attendances': 'Meetings required',
        'requirements.maxAttendances': 'Meetings at most',
        'requirements.electives': 'E-learning electives required',
        pinBadgeAtRenewal: 'Pin badge at renewal no.',
        updatedAt: 'Last updated',
        q: 'Search',
      },
    },
  },
};

export default en;
