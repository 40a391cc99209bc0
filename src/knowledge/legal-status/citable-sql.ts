/**
 * The SQL test for "revoked by a relation the texts state": a document whose regulation is the
 * target of a revocation that HR has not rejected. `citablePassagesSql` (answering/lexicon.ts)
 * uses it beside the status HR or the metadata gave, so that there is one home for "citable".
 * Short names are compared as `regulationKey` compares them (case and spacing aside).
 */
export function revokedByRelationSql(documentAlias: string): string {
  return `EXISTS (SELECT 1 FROM regulation_relation rr
    WHERE rr.kind = 'revokes' AND rr.review <> 'rejected'
      AND lower(rr.target) = lower(regexp_replace(btrim(${documentAlias}.regulation), '\\s+', ' ', 'g')))`;
}
