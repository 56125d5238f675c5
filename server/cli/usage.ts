/** The command line's usage, printed with --help and after a wrong command or option. */
export const USAGE = `使い方: npm run --silent cli -- <command> [options]

  migrate                                         未適用のマイグレーションを適用します
  round load <file.json> [--json]                 年度設定を JSON から作成・更新します
  user add <login> --role <admin|secretariat|reviewer> --password-stdin [--name <氏名>]
           [--workplace-facility <施設番号>] [--workplace <勤務先名>] [--json]
                                                  アカウントを作成します(パスワードは標準入力から)
  import <folder-or-zip> --round <id> [--wait] [--json]
  applications --round <id> --json
  decide --round <id> --file <decisions.csv> --by <login> [--json]
  export <list> --round <id> --out <file.xlsx|file.csv|file.pdf> [--encoding utf8|cp932] [--pending]
         [--labels] [--letter-date <YYYY-MM-DD>] [--without-email] [--json]
                                                  一覧: results, certificates, pin-badges, fee-requests, missing-items
                                                  result-letters: 結果通知書を PDF 1 つ(--out letters.pdf)か
                                                  申請者ごと(--out フォルダ/)に書き出します
                                                  fee-request-letters: 更新認定料の請求書(PDF)
                                                  --pending: 未発送(返送後に住所が変わったものを含む)のみ
                                                  --letter-date YYYY-MM-DD: 通知書の日付(既定は書き出す日)
                                                  --labels: 宛名ラベル(.csv はラベルソフト・ゆうプリR 用、
                                                  .pdf は A4 12面のラベルシート)
                                                  --without-email: メールの届かない申請者だけ(請求書など)
  retention --round <id> [--years <N>] [--apply] [--json]
                                                  症例の内容(年齢・性別・診断名、症例一覧表のスキャン)の保存期間と、
                                                  削除されるものを表示します(試行)。--apply で削除、--years で年数を変更
  backup --out <file.tar.gz> [--json]             データベースとデータフォルダ(スキャン・書き出し・取り込み)を
                                                  1 ファイルに保存します(サーバーを動かしたままでよい)
  restore <file.tar.gz> [--force] [--json]        バックアップを空のデータベースとデータフォルダに復元します
                                                  (サーバーを止めてから。--force: 中身を消して置き換えます)

  backup・restore 以外のコマンドに --by <login> を付けると、そのアカウントとして実行します(役割を確かめ、
  操作記録にその名前が残ります)。付けなければサーバーの OS ユーザーとして記録されます。
  --verbose を付けると、コマンド自身のメッセージのほかにサーバーとデータベースのログも出します
  (付けなければエラーだけ。LOG_LEVEL を設定するとその水準で出します)。

`;
