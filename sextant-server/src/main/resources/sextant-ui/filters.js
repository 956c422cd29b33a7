// Pieces of MLflow's search syntax the UI writes for the user.

/** A quoted string literal: 'it''s'. */
export function literal(text) {
  return `'${String(text).replaceAll("'", "''")}'`;
}

/** An entity reference such as metrics.auc or metrics.`val loss`. */
export function field(entity, key) {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(key) ? `${entity}.${key}` : `${entity}.\`${key.replaceAll('`', '``')}\``;
}

/** 'metrics.`val loss` DESC' → {entity: 'metrics', key: 'val loss', descending: true}; null when not of that shape. */
export function parseOrder(text) {
  const match = /^(metrics|params|tags|attributes)\.(?:`((?:[^`]|``)*)`|([^\s`]+))(?:\s+(ASC|DESC))?$/i.exec(text.trim());
  if (!match) return null;
  return {
    entity: match[1].toLowerCase(),
    key: match[2] !== undefined ? match[2].replaceAll('``', '`') : match[3],
    descending: (match[4] || 'ASC').toUpperCase() === 'DESC',
  };
}
