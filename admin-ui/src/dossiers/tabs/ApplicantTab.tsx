import {
  Box,
  Card,
  CardContent,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@mui/material';
import { japaneseDate, japaneseDateTime } from '@server/common/japan-time';
import { useRecordContext, useTranslate } from 'react-admin';
import type { DossierRecord } from '../dossierRecord';

type Translate = ReturnType<typeof useTranslate>;

/** One line of a section: its label and what the form holds, in words. */
interface Line {
  label: string;
  value: React.ReactNode;
}

const filled = (value: unknown): value is string | number | boolean =>
  value !== null && value !== undefined && value !== '';

const text = (value: unknown) =>
  value === true ? '有' : value === false ? '無' : filled(value) ? String(value) : '—';

const day = (value: unknown) => (typeof value === 'string' && value ? japaneseDate(value) : '—');

const joined = (...parts: unknown[]) => parts.filter(filled).join(' ') || '—';

/** 〒123-4567, then the prefecture and the address run together, as an envelope writes them. */
const place = (postalCode: unknown, prefecture: unknown, address: unknown) =>
  joined(
    filled(postalCode) ? `〒${String(postalCode).replace(/^(\d{3})(\d{4})$/, '$1-$2')}` : '',
    [prefecture, address].filter(filled).join(''),
  );

/** A master's name beside its code, or the code marked as missing from the round's master. */
const named = (t: Translate, code: unknown, name: string | undefined) =>
  !filled(code)
    ? '—'
    : name
      ? `${name}(${code})`
      : `${code}(${t('shinsa.console.applicant.not_in_master')})`;

/** 申請1 in the paper form's sections, each a list of lines. */
function sections(dossier: DossierRecord, t: Translate): [string, Line[]][] {
  const a = dossier.applicant;
  const field = (key: string) => t(`resources.dossiers.applicant.${key}`);
  const line = (key: string, value: React.ReactNode = text(a[key])): Line => ({
    label: field(key),
    value,
  });
  const facility = dossier.facility;
  const atFacility = a.workplaceKind === '認定研修施設';
  const workplaceAddress =
    atFacility && facility
      ? place(facility.postalCode, facility.prefecture, facility.address)
      : place(a.workplacePostalCode, a.workplacePrefecture, a.workplaceAddress);
  const renewals = typeof a.renewalCount === 'number' ? a.renewalCount : null;
  return [
    [
      'identity',
      [
        { label: t('shinsa.console.applicant.name'), value: joined(a.familyName, a.givenName) },
        {
          label: t('shinsa.console.applicant.kana'),
          value: joined(a.familyNameKana, a.givenNameKana),
        },
        line('formerName'),
        line('sex'),
        line('birthDate', day(a.birthDate)),
        line('email'),
        line('licenceType'),
        line('licenceNo'),
        line('certKind'),
      ],
    ],
    [
      'society',
      [
        {
          label: t('shinsa.console.applicant.society'),
          value: named(t, a.societyCode, dossier.society?.name),
        },
        line('memberNo'),
        line('memberType'),
        line(
          'specialties',
          filled(a.specialties) ? String(a.specialties).split(';').join('、') : '—',
        ),
      ],
    ],
    [
      'workplace',
      [
        line('workplaceKind'),
        atFacility
          ? {
              label: t('shinsa.console.applicant.facility'),
              value: named(t, a.workplaceFacilityNo, facility?.name),
            }
          : line('workplaceName'),
        {
          label: t('shinsa.console.applicant.location'),
          value: workplaceAddress,
        },
        line('workplaceDepartment'),
        line('workplacePhone'),
      ],
    ],
    [
      'mail',
      [
        line('mailTo'),
        {
          label: t('shinsa.console.applicant.mail_address'),
          value:
            a.mailTo === '別途指定'
              ? place(a.mailPostalCode, a.mailPrefecture, a.mailAddress)
              : t('shinsa.console.applicant.mail_to_workplace', { address: workplaceAddress }),
        },
      ],
    ],
    [
      'palliative',
      [
        line('palliativeHost'),
        line(
          'palliativeCertificateNo',
          a.palliativeCertificateNo === '000000'
            ? t('shinsa.console.applicant.certificate_unknown')
            : text(a.palliativeCertificateNo),
        ),
        line('palliativeApprovedOn', day(a.palliativeApprovedOn)),
      ],
    ],
    [
      'renewal',
      [
        line('lastCertifiedOn', day(a.lastCertifiedOn)),
        line(
          'renewalCount',
          renewals === null
            ? '—'
            : t('shinsa.console.applicant.renewals', { n: renewals, next: renewals + 1 }),
        ),
        line('deferred'),
      ],
    ],
    [
      'registration',
      [
        line(
          'registeredAt',
          typeof a.registeredAt === 'string'
            ? japaneseDateTime(new Date(a.registeredAt))
            : t('shinsa.console.applicant.draft'),
        ),
        line(
          'lastEditedAt',
          typeof a.lastEditedAt === 'string' ? japaneseDateTime(new Date(a.lastEditedAt)) : '—',
        ),
      ],
    ],
  ];
}

/** 申請1 as the applicant registered it, in the paper form's sections, codes with their names. */
export function ApplicantTab() {
  const dossier = useRecordContext<DossierRecord>();
  const translate = useTranslate();
  if (!dossier) return null;
  return (
    <Box
      id="applicant-form"
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' },
        alignItems: 'start',
        maxWidth: 1280,
      }}
    >
      {sections(dossier, translate).map(([section, lines]) => (
        <Card variant="outlined" key={section} data-section={section}>
          <CardContent sx={{ pb: 1 }}>
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 'bold', mb: 0.5 }}>
              {translate(`shinsa.console.applicant.section.${section}`)}
            </Typography>
            <Table size="small">
              <TableBody>
                {lines.map(({ label, value }) => (
                  <TableRow key={label}>
                    <TableCell
                      component="th"
                      sx={{ width: 170, color: 'text.secondary', verticalAlign: 'top' }}
                    >
                      {label}
                    </TableCell>
                    <TableCell>{value}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      ))}
    </Box>
  );
}
