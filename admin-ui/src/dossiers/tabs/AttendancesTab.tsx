import { japaneseDate } from '@server/common/japan-time';
import { ArrayField, DataTable, FunctionField, useRecordContext, useTranslate } from 'react-admin';
import { checksOf, type DossierRecord } from '../dossierRecord';
import { ItemChecks } from '../ItemChecks';
import { ItemOverrideField, useItemOverride, useItemOverrides } from '../ItemOverrideField';
import { OverrideReasonDialog } from '../OverrideReasonDialog';

/** The meetings attended, with the rule's result, the proof's verification and overrides. */
export function AttendancesTab() {
  const dossier = useRecordContext<DossierRecord>();
  const overrides = useItemOverrides(dossier?.id);
  const override = useItemOverride(dossier?.id ?? '');
  const translate = useTranslate();
  if (!dossier) return null;
  /** The meeting as meetings.csv names it: name, kind and days, or its code marked unknown. */
  const meeting = (code: string) => {
    const found = dossier.meetings.find((m) => m.code === code);
    if (!found) return `${code}(${translate('shinsa.console.applicant.not_in_master')})`;
    const days =
      found.startsOn === found.endsOn
        ? japaneseDate(found.startsOn)
        : `${japaneseDate(found.startsOn)}〜${japaneseDate(found.endsOn)}`;
    return `${found.name}(${found.kind}・${days}・${code})`;
  };
  return (
    <>
      <OverrideReasonDialog dialog={override.dialog} />
      <ArrayField source="attendances">
        <DataTable bulkActionButtons={false} rowClick={false} id="attendances">
          <DataTable.Col source="no" label="resources.dossiers.fields.no" />
          <DataTable.Col source="meetingCode" label="resources.dossiers.fields.meetingCode">
            <FunctionField<{ meetingCode: string }> render={(a) => meeting(a.meetingCode)} />
          </DataTable.Col>
          <DataTable.Col label="shinsa.dossiers.meeting">
            <FunctionField<{ no: number }>
              render={(a) => (
                <ItemChecks
                  checks={checksOf(dossier, `attendance:${a.no}`, 'attendance.')}
                  passed
                />
              )}
            />
          </DataTable.Col>
          <DataTable.Col label="shinsa.dossiers.proof">
            <FunctionField<{ no: number }>
              render={(a) => (
                <ItemChecks checks={checksOf(dossier, `attendance:${a.no}`, 'doc.')} passed />
              )}
            />
          </DataTable.Col>
          <DataTable.Col label="resources.dossiers.fields.override">
            <ItemOverrideField
              actions={override}
              revision={dossier.revision}
              overrides={overrides}
              kind="attendance"
            />
          </DataTable.Col>
        </DataTable>
      </ArrayField>
    </>
  );
}
