"use client";

import { Spinner } from "@fluentui/react-components";
import { lazy, Suspense } from "react";
import { useT } from "@/lib/i18n/i18n-provider";
import { useAdaptiveCardPreviewStyles } from "./adaptive-card-preview.styles";

// How a Teams message will look: the card drawn by Microsoft's Adaptive Cards renderer with a
// Teams-like theme. The renderer (about 45 KB gzip) loads on demand, the first time a preview
// shows; call preloadAdaptiveCardPreview when the user heads for one (hover, focus) to start early.

const loadRenderer = () => import("./rendered-adaptive-card");
const RenderedAdaptiveCard = lazy(() => loadRenderer().then((m) => ({ default: m.RenderedAdaptiveCard })));

export const preloadAdaptiveCardPreview = () => {
  void loadRenderer();
};

type Props = {
  /** The AdaptiveCard JSON (lib/teams/build-adaptive-card.ts makes it). */
  card: unknown;
  /** The region's accessible name; "Preview of the Teams message" unless the screen says more. */
  label?: string;
  /** The card title's heading level on this page. */
  headingLevel?: number;
};

export const AdaptiveCardPreview = ({ card, label, headingLevel }: Props) => {
  const t = useT();
  const styles = useAdaptiveCardPreviewStyles();
  return (
    <section aria-label={label ?? t("teamsCard.preview.label")} className={styles.frame}>
      <Suspense fallback={<Spinner size="tiny" label={t("teamsCard.preview.loading")} />}>
        <RenderedAdaptiveCard card={card} headingLevel={headingLevel} />
      </Suspense>
    </section>
  );
};
