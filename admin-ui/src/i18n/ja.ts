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
    imports: {
      start: '取り込みを始める',
      help: '申請システムの夜間出力・e-learning・入金・変更届・郵便受付の CSV(または それらをまとめた zip)を選んでください。文字コード(Shift_JIS / UTF-8)は自動で判別します。大きなファイルは順番に処理され、この画面で進み具合を確認できます。',
      rows_read: '(%{rows} 行読み込み済み)',
      failed:
        '取り込み中に予期しないエラーが起きました: %{error}。データは書き込まれていません。管理者に連絡してください',
      status: {
        queued: '順番待ち',
        running: '取り込み中',
        done: '完了',
        rejected: '取り込めず',
        failed: 'エラー',
      },
      outcome: {
        0: 'すべて取り込み',
        1: '一部の行を取り込めず',
        2: 'ファイルを取り込めず',
      },
      phase: {
        queued: '順番待ち',
        unpacking: 'zip を展開中',
        reading: '読み込み中',
        writing: '書き込み中',
        queueing: 'チェックを登録中',
        done: '完了',
      },
      report: {
        created: '新規の申請 %{n} 件',
        revised: '更新された申請 %{n} 件',
        unchanged: '変更なし %{n} 件',
        rejected: '取り込めなかった申請 %{n} 件',
        queued: 'チェック登録 %{n} 件',
        unmatched:
          '申請待ち: 入金 %{payments}・e-learning %{elearning}・変更届 %{addressChanges}・郵便 %{mail}',
        scans: 'スキャン 新規 %{stored}・保存済み %{already}',
        download: '取り込み報告をダウンロード(CSV)',
        files: 'ファイルごとの結果',
        file: 'ファイル',
        encoding: '文字コード',
        rows: '行数',
        imported: '取り込み',
        changed: '新規・変更',
        problems: '取り込めなかった行',
        whole: 'ファイル全体',
        problem_rows: '取り込めなかった行(%{n} 件)',
        more_in_csv:
          '先頭の %{n} 件だけを表示しています。全件は CSV をダウンロードして確認してください',
        line: '行',
        column: '列',
        certNo: '認定番号',
        reason: '理由',
      },
    },
    masters: { all_kinds: 'すべての区分' },
    audit: { export: '表示中の記録を CSV で保存' },
    account: {
      title: 'パスワード変更',
      help: 'ご自分だけが知るパスワードに変えてください。管理者が作ったアカウントは、最初のログインで変更が必要です。',
      current: '今のパスワード',
      new: '新しいパスワード',
      confirm: '新しいパスワード(確認)',
      rule: '10 文字以上で、ログイン名を含まないもの',
      submit: '変更する',
      mismatch: '確認のパスワードが新しいパスワードと違います',
      changed: 'パスワードを変更しました。ほかの端末のログインは終了しました',
      must_change: '最初にパスワードを変更してください',
    },
    checks: {
      retry: '再実行',
      retried: 'チェックをもう一度実行します。しばらくして一覧を再読み込みしてください',
    },
    unmatched: {
      unreadable: '(宛名ラベルが読めません)',
      kind: { payment: '入金', elearning: 'e-learning', addressChange: '変更届', mail: '郵便' },
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
    imports: {
      name: '取り込み |||| 取り込み',
      fields: {
        createdAt: '受付日時',
        roundId: '年度',
        sourceName: 'ファイル',
        status: '状態',
        requestedBy: '実行した人',
        files: '取り込むファイル(zip または CSV、複数可)',
      },
    },
    'audit-events': {
      name: '操作記録 |||| 操作記録',
      fields: {
        at: '日時',
        actor: '実行者',
        action: '操作',
        entityId: '対象',
        certNo: '認定番号',
        before: '変更前',
        after: '変更後',
        q: '検索',
      },
    },
    'check-failures': {
      name: '失敗したチェック |||| 失敗したチェック',
      fields: { roundId: '年度', certNo: '認定番号', name: '氏名', error: 'エラー' },
    },
    'unmatched-records': {
      name: '未照合データ |||| 未照合データ',
      fields: {
        kind: '種類',
        key: '番号',
        certNo: '認定番号',
        receivedAt: '日時',
        summary: '内容',
        roundId: '年度',
        q: '認定番号・番号で検索',
      },
    },
    meetings: {
      name: '学術集会 |||| 学術集会',
      fields: {
        roundId: '年度',
        code: '学術集会コード',
        name: '学術集会名',
        societyCode: '学会コード',
        startsOn: '開催開始日',
        endsOn: '開催終了日',
        kind: '区分',
        q: '検索',
      },
    },
    facilities: {
      name: '認定研修施設 |||| 認定研修施設',
      fields: {
        roundId: '年度',
        facilityNo: '施設番号',
        name: '施設名',
        postalCode: '郵便番号',
        prefecture: '都道府県',
        address: '住所',
        q: '検索',
      },
    },
    societies: {
      name: '学会 |||| 学会',
      fields: { roundId: '年度', code: '学会コード', name: '学会名', q: '検索' },
    },
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
