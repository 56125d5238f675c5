import { Alert, Box, Card, CardContent, Link, Stack, Tooltip, Typography } from '@mui/material';
import type { DashboardCounts, StageCounts } from '@server/dashboard/dashboard.views';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Title, useTranslate } from 'react-admin';
import { useRoundSelect } from '../common/RoundSelect';
import { useShinsaDataProvider } from '../providers/dataProvider';
import { queryKeys } from '../providers/queryKeys';
import { ruleLabel } from '../common/itemLabels';

const STAGES: (keyof StageCounts)[] = [
  'imported',
  'registered',
  'mailReceived',
  'verified',
  'decided',
  'released',
  'paid',
];
const COLORS = { fail: '#d32f2f', review: '#ed6c02', pending: '#9e9e9e', pass: '#2e7d32' };

/** A link to the dossier list with a filter (the list reads it from the address). */
const listLink = (filter: Record<string, unknown>) =>
  `#/dossiers?filter=${encodeURIComponent(JSON.stringify(filter))}`;

/** One horizontal bar made of coloured parts, each with its count on hover. */
function Bar({
  parts,
  max,
  href,
}: {
  parts: { value: number; color: string; label: string }[];
  max: number;
  href?: string;
}) {
  const bar = (
    <Box sx={{ display: 'flex', height: 18, bgcolor: 'grey.100', borderRadius: 0.5, flexGrow: 1 }}>
      {parts.map((p) =>
        p.value > 0 ? (
          <Tooltip key={p.label} title={`${p.label}: ${p.value}`}>
            <Box sx={{ width: `${(100 * p.value) / Math.max(max, 1)}%`, bgcolor: p.color }} />
          </Tooltip>
        ) : null,
      )}
    </Box>
  );
  return href ? (
    <Link href={href} sx={{ display: 'flex', flexGrow: 1 }}>
      {bar}
    </Link>
  ) : (
    bar
  );
}

function Row({
  label,
  value,
  children,
}: {
  label: string;
  value: number;
  children: React.ReactNode;
}) {
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.5 }}>
      <Typography variant="body2" sx={{ width: 200, flexShrink: 0 }}>
        {label}
      </Typography>
      {children}
      <Typography variant="body2" sx={{ width: 56, textAlign: 'right' }}>
        {value.toLocaleString('ja-JP')}
      </Typography>
    </Stack>
  );
}

function Section({
  title,
  children,
  id,
}: {
  title: string;
  children: React.ReactNode;
  id: string;
}) {
  return (
    <Card id={id}>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/**
 * A round at a glance: how far the dossiers have come, the verdicts and decisions, the rules
 * that hold them back, and today's work, each a link to the list of those dossiers.
 */
export function Dashboard() {
  const translate = useTranslate();
  const [round, roundSelect] = useRoundSelect('dashboard.roundId', 'dashboard-round');
  const dataProvider = useShinsaDataProvider();
  // The previous round's board stays until the chosen one's arrives.
  const { data: board, error } = useQuery({
    queryKey: queryKeys.dashboard(round),
    queryFn: () => dataProvider.getDashboard(round),
    enabled: !!round,
    placeholderData: keepPreviousData,
    retry: false,
  });

  const total = board?.stages.imported ?? 0;
  const work = board
    ? (
        [
          {
            key: 'checkErrors',
            href: `#/check-failures?filter=${encodeURIComponent(JSON.stringify({ roundId: round }))}`,
          },
          { key: 'unassigned', href: listLink({ roundId: round, unassigned: true }) },
          {
            key: 'casesUnderReview',
            href: listLink({
              roundId: round,
              decision: 'none',
              rule: 'cases.count',
              ruleOutcome: 'review',
            }),
          },
          { key: 'mailProblems', href: listLink({ roundId: round, mail: 'problem' }) },
          { key: 'mailArrivedToday', href: undefined },
          { key: 'feeToReview', href: listLink({ roundId: round, fee: 'review' }) },
          { key: 'undecided', href: listLink({ roundId: round, decision: 'none' }) },
          { key: 'unreleased', href: listLink({ roundId: round, decision: 'unreleased' }) },
        ] satisfies { key: keyof DashboardCounts['today']; href: string | undefined }[]
      ).filter((w) => board.today[w.key] > 0 && !(board.onlyAssigned && w.key === 'unassigned'))
    : [];

  return (
    <Box sx={{ p: 2 }} id="dashboard">
      <Title title={translate('shinsa.dashboard.title')} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        {roundSelect}
        {board?.onlyAssigned && (
          <Typography variant="body2" color="text.secondary">
            {translate('shinsa.dashboard.only_assigned')}
          </Typography>
        )}
      </Stack>
      {error && <Alert severity="error">{error.message}</Alert>}
      {board && (
        <Box
          sx={{
            display: 'grid',
            gap: 2,
            gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' },
          }}
        >
          <Section
            title={translate('shinsa.dashboard.today', { day: board.day })}
            id="dashboard-today"
          >
            {work.length === 0 ? (
              <Typography variant="body2">{translate('shinsa.dashboard.nothing')}</Typography>
            ) : (
              work.map((w) => (
                <Stack key={w.key} direction="row" spacing={1} sx={{ mb: 0.5 }}>
                  <Typography variant="h6" sx={{ width: 72, textAlign: 'right' }}>
                    {board.today[w.key].toLocaleString('ja-JP')}
                  </Typography>
                  <Typography variant="body1" sx={{ alignSelf: 'center' }}>
                    {w.href ? (
                      <Link href={w.href}>{translate(`shinsa.dashboard.work.${w.key}`)}</Link>
                    ) : (
                      translate(`shinsa.dashboard.work.${w.key}`)
                    )}
                  </Typography>
                </Stack>
              ))
            )}
          </Section>
          <Section title={translate('shinsa.dashboard.stages')} id="dashboard-stages">
            {STAGES.map((s) => (
              <Row key={s} label={translate(`shinsa.dashboard.stage.${s}`)} value={board.stages[s]}>
                <Bar
                  max={total}
                  parts={[
                    {
                      value: board.stages[s],
                      color: '#1976d2',
                      label: translate(`shinsa.dashboard.stage.${s}`),
                    },
                  ]}
                />
              </Row>
            ))}
          </Section>
          <Section title={translate('shinsa.dashboard.verdicts')} id="dashboard-verdicts">
            {(['pass', 'review', 'fail', 'unchecked'] as const).map((v) => (
              <Row
                key={v}
                label={translate(`shinsa.verdict.${v === 'unchecked' ? 'none' : v}`)}
                value={board.verdicts[v]}
              >
                <Bar
                  max={total}
                  href={listLink({ roundId: round, verdict: v })}
                  parts={[
                    {
                      value: board.verdicts[v],
                      color: v === 'unchecked' ? COLORS.pending : COLORS[v],
                      label: translate(`shinsa.verdict.${v === 'unchecked' ? 'none' : v}`),
                    },
                  ]}
                />
              </Row>
            ))}
            <Typography variant="subtitle2" sx={{ mt: 2 }}>
              {translate('shinsa.dashboard.decisions')}
            </Typography>
            {(['合格', '不合格', '保留', 'none', 'unreleased'] as const).map((d) => (
              <Row
                key={d}
                label={translate(`shinsa.filters.decision.${d}`)}
                value={board.decisions[d]}
              >
                <Bar
                  max={total}
                  href={listLink({ roundId: round, decision: d })}
                  parts={[
                    {
                      value: board.decisions[d],
                      color:
                        d === '合格'
                          ? COLORS.pass
                          : d === '不合格'
                            ? COLORS.fail
                            : d === '保留'
                              ? COLORS.review
                              : COLORS.pending,
                      label: translate(`shinsa.filters.decision.${d}`),
                    },
                  ]}
                />
              </Row>
            ))}
          </Section>
          <Section title={translate('shinsa.dashboard.rules')} id="dashboard-rules">
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {translate('shinsa.dashboard.rules_help')}
            </Typography>
            {board.rules.map((r) => (
              <Row
                key={r.rule}
                label={ruleLabel(translate, r.rule)}
                value={r.fail + r.review + r.pending}
              >
                <Bar
                  max={total}
                  href={listLink({ roundId: round, rule: r.rule })}
                  parts={(['fail', 'review', 'pending'] as const).map((o) => ({
                    value: r[o],
                    color: COLORS[o],
                    label: translate(`shinsa.outcome.${o}`),
                  }))}
                />
              </Row>
            ))}
          </Section>
        </Box>
      )}
    </Box>
  );
}
