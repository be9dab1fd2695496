"use client";

import { Link } from "@fluentui/react-components";
import { PageHeader } from "@/components/common/page-header";
import { Surface } from "@/components/common/surface";
import type { BodyView, OperationView, ReferenceView } from "@/lib/api/openapi/reference/reference-view";
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
  // An operation with two tags is shown under both: its ids carry the tag's, so none repeats.
  const headingId = `${tagId}-${anchor("operation", operation.operationId)}`;
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

type Props = { reference: ReferenceView; documentUrl: string };

/** The API's OpenAPI document for people: operations by tag, their inputs and answers as nested lists. */
export const ApiReference = ({ reference, documentUrl }: Props) => {
  const styles = useApiReferenceStyles();
  const t = useT();
  const tagName = (name: string) => name || t("apiReference.untagged");
  return (
    <>
      <PageHeader
        title={t("apiReference.title")}
        subtitle={
          <>
            {reference.title} · {t("apiReference.version", { version: reference.version })}. {t("apiReference.subtitle")}
          </>
        }
        actions={
          <Link href={documentUrl} target="_blank" rel="noopener">
            {t("apiReference.rawDocument")}
          </Link>
        }
      />
      {reference.description ? <p className={styles.description}>{reference.description}</p> : null}
      <nav className={styles.contents} aria-labelledby="api-reference-contents">
        <h2 id="api-reference-contents" className={styles.heading}>
          {t("apiReference.contents")}
        </h2>
        <ul className={styles.contentsList}>
          {reference.tags.map((tag) => (
            <li key={tag.name}>
              <Link href={`#${anchor("tag", tagName(tag.name))}`}>{tagName(tag.name)}</Link>
            </li>
          ))}
          {reference.errorBodies.length > 0 ? (
            <li>
              <Link href="#api-reference-error-body">{t("apiReference.errorBody")}</Link>
            </li>
          ) : null}
        </ul>
      </nav>
      {reference.tags.map((tag) => {
        const id = anchor("tag", tagName(tag.name));
        return (
          <section key={tag.name} className={styles.tag} aria-labelledby={id}>
            <h2 id={id} className={styles.tagHeading}>
              {tagName(tag.name)}
            </h2>
            {tag.operations.map((operation) => (
              <Operation key={`${operation.method} ${operation.path}`} operation={operation} tagId={id} styles={styles} t={t} />
            ))}
          </section>
        );
      })}
      {reference.errorBodies.length > 0 ? (
        <section className={styles.tag} aria-labelledby="api-reference-error-body">
          <h2 id="api-reference-error-body" className={styles.tagHeading}>
            {t("apiReference.errorBody")}
          </h2>
          <Surface>
            <p className={styles.description}>{t("apiReference.errorBodyIntro")}</p>
            <Bodies bodies={reference.errorBodies} styles={styles} />
          </Surface>
        </section>
      ) : null}
    </>
  );
};
