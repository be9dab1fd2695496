"use client";

import { Button, Tooltip } from "@fluentui/react-components";
import { CheckmarkRegular } from "@fluentui/react-icons/svg/checkmark";
import { CopyRegular } from "@fluentui/react-icons/svg/copy";
import { useEffect, useState } from "react";
import { useT } from "@/lib/i18n/i18n-provider";

/** Copies `value`; the label names what is copied so screen readers and tests can find it. */
export const CopyButton = ({ value, label }: { value: string; label: string }) => {
  const t = useT();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <Tooltip content={copied ? t("common.copied") : label} relationship="description">
      <Button
        aria-label={label}
        icon={copied ? <CheckmarkRegular /> : <CopyRegular />}
        onClick={async () => {
          await navigator.clipboard?.writeText(value);
          setCopied(true);
        }}
      >
        {copied ? t("common.copied") : t("common.copy")}
      </Button>
    </Tooltip>
  );
};
