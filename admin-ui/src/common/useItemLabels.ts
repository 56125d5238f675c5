import { useTranslate } from 'react-admin';
import { documentLabel, refLabel, ruleLabel } from './itemLabels';

/** The item labels of itemLabels.ts with the console's translate. */
export function useItemLabels() {
  const translate = useTranslate();
  return {
    ref: (ref: string | null | undefined) => refLabel(translate, ref),
    rule: (rule: string) => ruleLabel(translate, rule),
    document: (rule: string, ref: string | null) => documentLabel(translate, rule, ref),
  };
}
