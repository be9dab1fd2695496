"use client";

import { Link } from "@fluentui/react-components";
import { PageHeader } from "@/components/common/page-header";
import { Surface } from "@/components/common/surface";
import type { BodyView, OperationSummary, OperationView, ReferenceView, TagView } from "@/lib/api/openapi/reference/reference-view";
import { useT } from "@/lib/i18n/i18n-provider";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { useApiReferenceStyles } from "./api-reference.styles";
import { SchemaTree, typeLabel } from "./schema-tree";

type Styles = ReturnType<typeof useApiReferenceStyles>;
type T = ReturnType<typeof useT>;

const roleKeys: Record<string, MessageKey> = { Admin: "role.Admin", Contributor: "role.Contributor", Viewer: "role.Viewer" };

/** A fragment id from a tag or operation name (ids must not hold spaces). */
const anchor = (prefix: string, name: string) => `${prefix}-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

const roleText = (role: string, t: T) => {
  const key = roleKeys[role];
  if (!key) return role === "Public" ? t("apiReference.publicRole") : role;
  // The lowest role allowed: Admin is the highest, so "or higher" would say nothing more.
  return role === "Admin" ? t(key) : t("apiReference.orHigher", { role: t(key) });
};

const Bodies = ({ bodies, styles }: { bodies: BodyView[]; styles: Styles }) => (
  <>
    {bodies.map((body) => (
      <div key={body.mediaType}>
        <div className={styles.mediaType}>{body.mediaType}</div>
        <SchemaTree schema={body.schema} />
      </div>
    ))}
  </>
);

type OperationProps = { operation: OperationView; tagId: string; styles: Styles; t: T };

const Operation = ({ operation, tagId, styles, t }: OperationProps) => {
  // The tag's page links here from the first page (tagHref): the id carries the tag's.
  const headingId = anchor(tagId, operation.operationId);
  return (
    <Surface as="article" aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.operationHeading}>
        {/* The spaces keep the heading's accessible name "GET /path Summary" rather than one word. */}
        <span className={styles.method}>{operation.method}</span> <span className={styles.path}>{operation.path}</span>{" "}
        <span className={styles.summary}>{operation.summary}</span>
      </h3>
      {operation.description ? <p className={styles.description}>{operation.description}</p> : null}
      <dl className={styles.facts}>
        <dt className={styles.factTerm}>{t("apiReference.requiredRole")}</dt>
        <dd className={styles.factValue}>{roleText(operation.role, t)}</dd>
        <dt className={styles.factTerm}>operationId</dt>
        <dd className={styles.factValue}>
          <code className={styles.code}>{operation.operationId}</code>
        </dd>
      </dl>

      {operation.parameters.length > 0 ? (
        <section aria-labelledby={`${headingId}-parameters`}>
          <h4 id={`${headingId}-parameters`} className={styles.subheading}>
            {t("apiReference.parameters")}
          </h4>
          <table className={styles.table} aria-labelledby={`${headingId}-parameters`}>
            <thead>
              <tr>
                <th scope="col">{t("apiReference.parameterName")}</th>
                <th scope="col">{t("apiReference.parameterIn")}</th>
                <th scope="col">{t("apiReference.parameterType")}</th>
                <th scope="col">{t("apiReference.required")}</th>
                <th scope="col">{t("apiReference.parameterDescription")}</th>
              </tr>
            </thead>
            <tbody>
              {operation.parameters.map((parameter) => (
                <tr key={`${parameter.in}-${parameter.name}`}>
                  <th scope="row">
                    <code className={styles.code}>{parameter.name}</code>
                  </th>
                  <td>{t(parameter.in === "path" ? "apiReference.in.path" : "apiReference.in.query")}</td>
                  <td>
                    <code className={styles.code}>{typeLabel(parameter.schema, t)}</code>
                    {parameter.schema.kind === "scalar" && parameter.schema.enum ? (
                      <div>
                        {t("apiReference.allowedValues")} <code className={styles.code}>{parameter.schema.enum.join(", ")}</code>
                      </div>
                    ) : null}
                    {parameter.schema.constraints.length > 0 ? (
                      <div className={styles.mediaType}>{parameter.schema.constraints.map((c) => `${c.keyword}: ${c.value}`).join(", ")}</div>
                    ) : null}
                  </td>
                  <td>{parameter.required ? t("apiReference.required") : t("apiReference.optional")}</td>
                  <td>{parameter.description ?? parameter.schema.description ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {operation.requestBody ? (
        <section aria-labelledby={`${headingId}-body`}>
          <h4 id={`${headingId}-body`} className={styles.subheading}>
            {t("apiReference.requestBody")}
          </h4>
          {operation.requestBody.description ? <p className={styles.description}>{operation.requestBody.description}</p> : null}
          <Bodies bodies={operation.requestBody.bodies} styles={styles} />
        </section>
      ) : null}

      <section aria-labelledby={`${headingId}-responses`}>
        <h4 id={`${headingId}-responses`} className={styles.subheading}>
          {t("apiReference.responses")}
        </h4>
        <ul className={styles.statusList}>
          {operation.responses.map((response) => (
            <li key={response.status}>
              <div>
                <code className={styles.code}>{response.status}</code> {response.description}
              </div>
              {response.bodies.length > 0 ? <Bodies bodies={response.bodies} styles={styles} /> : <span className={styles.muted}>{t("apiReference.noBody")}</span>}
            </li>
          ))}
        </ul>
      </section>

      {operation.errors.length > 0 ? (
        <section aria-labelledby={`${headingId}-errors`}>
          <h4 id={`${headingId}-errors`} className={styles.subheading}>
            {t("apiReference.errorStatuses")}
          </h4>
          <ul className={styles.statusList}>
            {operation.errors.map((error) => (
              <li key={error.status}>
                <code className={styles.code}>{error.status}</code> {error.description}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Surface>
  );
};

type ReferenceHeader = Pick<ReferenceView, "title" | "version" | "description">;
type TagLink = Pick<TagView, "name" | "slug">;
type Props = ReferenceHeader & {
  documentUrl: string;
  /** The reference's first page: every tag's operations as links, and the error body. */
  basePath: string;
} & (
    | { page: "contents"; tags: (TagLink & { operations: OperationSummary[] })[]; errorBodies: BodyView[] }
    | { page: "tag"; tags: TagLink[]; tag: TagView }
  );

/**
 * The API's OpenAPI document for people, a page per tag (a single page of every operation grew
 * past what a reader, or a screen reader, wants to load): the first page lists each tag's
 * operations and the error body every failure answers with; a tag's page shows its operations,
 * their inputs and answers as nested lists.
 */
export const ApiReference = (props: Props) => {
  const styles = useApiReferenceStyles();
  const t = useT();
  const tagName = (name: string) => name || t("apiReference.untagged");
  const tagHref = (slug: string, operationId?: string) =>
    `${props.basePath}/${slug}${operationId ? `#${anchor(`tag-${slug}`, operationId)}` : ""}`;
  const current = props.page === "tag" ? props.tag.slug : null;
  return (
    <>
      <PageHeader
        title={t("apiReference.title")}
        subtitle={
          <>
            {props.title} · {t("apiReference.version", { version: props.version })}. {t("apiReference.subtitle")}
          </>
        }
        actions={
          <Link href={props.documentUrl} target="_blank" rel="noopener">
            {t("apiReference.rawDocument")}
          </Link>
        }
      />
      {props.description && props.page === "contents" ? <p className={styles.description}>{props.description}</p> : null}
      <nav className={styles.contents} aria-labelledby="api-reference-contents">
        <h2 id="api-reference-contents" className={styles.heading}>
          {t("apiReference.contents")}
        </h2>
        <ul className={styles.contentsList}>
          <li>
            <Link href={props.basePath} aria-current={current === null ? "page" : undefined}>
              {t("apiReference.allOperations")}
            </Link>
          </li>
          {props.tags.map((tag) => (
            <li key={tag.slug}>
              <Link href={tagHref(tag.slug)} aria-current={tag.slug === current ? "page" : undefined}>
                {tagName(tag.name)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {props.page === "tag" ? (
        <section className={styles.tag} aria-labelledby={`tag-${props.tag.slug}`}>
          <h2 id={`tag-${props.tag.slug}`} className={styles.tagHeading}>
            {tagName(props.tag.name)}
          </h2>
          {props.tag.operations.map((operation) => (
            <Operation key={`${operation.method} ${operation.path}`} operation={operation} tagId={`tag-${props.tag.slug}`} styles={styles} t={t} />
          ))}
        </section>
      ) : (
        <>
          {props.tags.map((tag) => (
            <section key={tag.slug} className={styles.tag} aria-labelledby={`tag-${tag.slug}`}>
              <h2 id={`tag-${tag.slug}`} className={styles.tagHeading}>
                <Link href={tagHref(tag.slug)}>{tagName(tag.name)}</Link>
              </h2>
              <ul className={styles.operationList}>
                {tag.operations.map((operation) => (
                  <li key={`${operation.method} ${operation.path}`}>
                    <Link href={tagHref(tag.slug, operation.operationId)}>
                      <span className={styles.method}>{operation.method}</span> <span className={styles.path}>{operation.path}</span>
                    </Link>{" "}
                    <span className={styles.summary}>{operation.summary}</span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {props.errorBodies.length > 0 ? (
            <section className={styles.tag} aria-labelledby="api-reference-error-body">
              <h2 id="api-reference-error-body" className={styles.tagHeading}>
                {t("apiReference.errorBody")}
              </h2>
              <Surface>
                <p className={styles.description}>{t("apiReference.errorBodyIntro")}</p>
                <Bodies bodies={props.errorBodies} styles={styles} />
              </Surface>
            </section>
          ) : null}
        </>
      )}
    </>
  );
};
