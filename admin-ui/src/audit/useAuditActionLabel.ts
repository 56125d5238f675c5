import { useTranslate } from 'react-admin';

/** An audited action as people name it (`dossier.viewed` → 申請の閲覧); unknown ones as recorded. */
export function useAuditActionLabel(): (action: string) => string {
  const translate = useTranslate();
  return (action) => translate(`shinsa.audit.actions.${action}`, { _: action });
}
