"use client";

import { useEffect, useRef, useState } from "react";
import { useT } from "@/lib/i18n/i18n-provider";
import { renderAdaptiveCard } from "./render-adaptive-card";

// The adaptivecards half of the preview: loaded on demand (React.lazy) by AdaptiveCardPreview, so the
// renderer never weighs on a first load. It owns a DOM node React does not touch; the renderer fills it.

type Props = { card: unknown; headingLevel?: number };

export const RenderedAdaptiveCard = ({ card, headingLevel }: Props) => {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const target = host.current;
    if (!target) return;
    try {
      const rendered = renderAdaptiveCard(card, { headingLevel });
      target.replaceChildren(...(rendered ? [rendered] : []));
      setFailed(!rendered);
    } catch {
      target.replaceChildren();
      setFailed(true);
    }
    return () => target.replaceChildren();
  }, [card, headingLevel]);
  return (
    <>
      <div ref={host} />
      {failed ? <p role="alert">{t("teamsCard.preview.failed")}</p> : null}
    </>
  );
};
