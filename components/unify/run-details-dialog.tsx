"use client";

import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { describeUnificationRunError } from "@/lib/i18n/error-messages";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { TStageCounts, TUnificationRun } from "@/lib/unification/schemas";
import { RunStages } from "./run-stages";
import { useUnifyStyles } from "./unify.styles";

/** One run: its error (by code, from the catalogs), each stage, and the map stage's counts per source and column. */
export default function RunDetailsDialog({ run, onClose }: { run: TUnificationRun | null; onClose: () => void }) {
  const styles = useUnifyStyles();
  const t = useT();
  const format = useFormat();
  const map = (run?.stages.find((stage) => stage.stage === "map")?.counts ?? null) as TStageCounts["map"] | null;
  return (
    <Dialog open={run !== null} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface aria-describedby={undefined} style={{ maxWidth: "960px" }}>
        <DialogBody>
          <DialogTitle>{run ? t("unify.runs.detailsTitle", { time: format.dateTimeSeconds(run.submittedAt) }) : ""}</DialogTitle>
          <DialogContent className={styles.stack}>
            {run?.error ? (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>{t("unify.runs.failed")}</MessageBarTitle>
                  {describeUnificationRunError(run.error, { t, format })} <span className={styles.code}>({run.error.code})</span>
                </MessageBarBody>
              </MessageBar>
            ) : null}
            {run?.inputUnchanged ? (
              <MessageBar intent="info" layout="multiline">
                <MessageBarBody>{t("unify.runs.inputUnchanged")}</MessageBarBody>
              </MessageBar>
            ) : null}
            {run ? <RunStages stages={run.stages} /> : null}
            {map && map.sources.length > 0 ? (
              <Table size="small" aria-label={t("unify.runs.sourcesTable")}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t("unify.runs.colSource")}</TableHeaderCell>
                    <TableHeaderCell>{t("unify.counts.recordsIn")}</TableHeaderCell>
                    <TableHeaderCell>{t("unify.runs.colWithoutKey")}</TableHeaderCell>
                    <TableHeaderCell>{t("unify.runs.colDuplicateKeys")}</TableHeaderCell>
                    <TableHeaderCell>{t("unify.runs.colInvalidByColumn")}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {map.sources.map((source) => (
                    <TableRow key={source.dataSourceId}>
                      <TableCell>{source.name}</TableCell>
                      <TableCell>{format.number(source.recordsIn)}</TableCell>
                      <TableCell>{format.number(source.rowsWithoutKey)}</TableCell>
                      <TableCell>{format.number(source.duplicateKeys)}</TableCell>
                      <TableCell>
                        {source.invalidValues.length === 0
                          ? t("unify.map.noInvalid")
                          : format.list(source.invalidValues.map((invalid) => t("unify.runs.invalidInColumn", { column: invalid.column, count: format.number(invalid.count) })))}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onClose}>
              {t("common.close")}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
