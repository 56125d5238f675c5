import japaneseModule from '@bicstone/ra-language-japanese';
import type { TranslationMessages } from 'react-admin';

// The package is CommonJS: under Vite its default import may arrive wrapped in another `default`.
const japanese = ((japaneseModule as unknown as { default?: TranslationMessages }).default ??
  japaneseModule) as TranslationMessages;

/** Every label of the console, in Japanese (the default language). */
const ja: TranslationMessages = {
  ...japanese,
  shinsa: {
    title: 'Shinsa 審査 — 認定医更新審査',
    language: '言語',
    login: {
      placeholder_note: 'アカウントは管理者が作成します。',
    },
    rounds: {
      section: {
        basic: '基本情報',
        deadlines: '期限',
        cutoffs: '送付先基準日・更新日',
        fees: '手数料(円)',
        requirements: '要件',
      },
      saved: '年度設定を保存しました',
      conflict:
        '他の人が先にこの年度を変更しました。画面を再読み込みして最新の内容を確かめてください',
    },
  },
  resources: {
    rounds: {
      name: '年度 |||| 年度',
      fields: {
        id: '年度ID',
        round: '年度ID',
        label: '表示名',
        applicationOpens: '申請受付開始',
        reviewFeeDeadline: '更新審査料の支払期限',
        elearningDeadline: 'e-learning 受講期限',
        registrationDeadline: '申請登録期限',
        postmarkDeadline: '書類送付の消印期限',
        resultsAddressCutoff: '結果通知の送付先基準日',
        certificateAddressCutoff: '認定証の送付先基準日',
        renewalDate: '更新日',
        'fees.review': '更新審査料',
        'fees.certification': '更新認定料',
        'fees.handling': '事務手数料',
        'requirements.cases': '必要症例数',
        'requirements.maxCases': '登録できる症例数の上限',
        'requirements.attendances': '必要な学術集会参加数',
        'requirements.maxAttendances': '登録できる学術集会数の上限',
        'requirements.electives': 'e-learning 選択分野の必要数',
        pinBadgeAtRenewal: 'ピンバッジを贈る更新回数',
        updatedAt: '最終更新',
        q: '検索',
      },
    },
  },
};

export default ja;
