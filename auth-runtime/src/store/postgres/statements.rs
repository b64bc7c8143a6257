//! The SQL of a [`PgSchema`]: each statement a [`PgStore`](super::PgStore) runs, written once,
//! with every table and column name quoted.

use super::PgSchema;

/// `name` as a PostgreSQL quoted identifier: in double quotes, its own double quotes doubled,
/// so any name (`user`, `Session`, `a"b`) means exactly that table or column.
pub(super) fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The statements of one [`PgSchema`], written once.
#[derive(Debug)]
pub(super) struct Statements {
    pub(super) schema: PgSchema,
    /// `$1` token: the session's expiry in whole milliseconds since the Unix epoch, the
    /// user's id as text and the user's row as JSON.
    pub(super) lookup: String,
    /// `$1` token, `$2` expiry in milliseconds since the Unix epoch.
    pub(super) update_expiry: String,
    /// `$1` token.
    pub(super) delete: String,
    /// `$1` token, `$2` user id as text, `$3` expiry in milliseconds since the Unix epoch.
    pub(super) create: String,
    /// `$1` user id as text.
    pub(super) delete_user_sessions: String,
    /// The session table's timestamp columns, read without a row, for [`PgStore::check`].
    ///
    /// [`PgStore::check`]: super::PgStore::check
    pub(super) timestamp_columns: String,
}

impl Statements {
    pub(super) fn new(schema: PgSchema) -> Self {
        let sessions = schema.table(&schema.sessions_table);
        let users = schema.table(&schema.users_table);
        let token = quote(&schema.session_token_column);
        let user_id = quote(&schema.user_id_column);
        let expires = quote(&schema.expires_column);
        let user_key = quote(&schema.user_key_column);
        let stamps = schema.timestamps;
        let now = stamps.now();

        // `extract(epoch ...)` reads a `timestamp` without time zone as UTC, and a
        // `timestamptz` as the absolute time it is; whole milliseconds, as a JavaScript
        // `Date` holds them, so `expires < now` decides to the millisecond as next-auth does.
        let lookup = format!(
            "SELECT floor(extract(epoch FROM s.{expires}) * 1000)::int8 AS expires_ms, \
             u.{user_key}::text AS user_id, to_jsonb(u) AS user_row \
             FROM {sessions} AS s JOIN {users} AS u ON u.{user_key} = s.{user_id} \
             WHERE s.{token} = $1 LIMIT 1"
        );

        let mut set = format!("{expires} = {}", stamps.sql_time_at("$2"));
        if let Some(updated_at) = &schema.updated_at_column {
            set.push_str(&format!(", {} = {now}", quote(updated_at)));
        }
        let update_expiry = format!("UPDATE {sessions} SET {set} WHERE {token} = $1");

        let delete = format!("DELETE FROM {sessions} WHERE {token} = $1");

        let mut columns = vec![token.clone(), user_id.clone(), expires.clone()];
        let mut values = vec![
            "$1".to_owned(),
            schema.id_kind.cast("$2"),
            stamps.sql_time_at("$3"),
        ];
        for column in [&schema.created_at_column, &schema.updated_at_column]
            .into_iter()
            .flatten()
        {
            columns.push(quote(column));
            values.push(now.clone());
        }
        let create = format!(
            "INSERT INTO {sessions} ({}) VALUES ({})",
            columns.join(", "),
            values.join(", ")
        );

        let delete_user_sessions = format!(
            "DELETE FROM {sessions} WHERE {user_id} = {}",
            schema.id_kind.cast("$1")
        );

        let mut stamped = vec![expires];
        stamped.extend(
            [&schema.created_at_column, &schema.updated_at_column]
                .into_iter()
                .flatten()
                .map(|column| quote(column)),
        );
        let timestamp_columns = format!("SELECT {} FROM {sessions} LIMIT 0", stamped.join(", "));

        Statements {
            schema,
            lookup,
            update_expiry,
            delete,
            create,
            delete_user_sessions,
            timestamp_columns,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statements(schema: PgSchema) -> Statements {
        Statements::new(schema)
    }

    #[test]
    fn pg_adapter_statements() {
        let sql = statements(PgSchema::pg_adapter());
        assert_eq!(
            sql.lookup,
            "SELECT floor(extract(epoch FROM s.\"expires\") * 1000)::int8 AS expires_ms, \
             u.\"id\"::text AS user_id, to_jsonb(u) AS user_row \
             FROM \"sessions\" AS s JOIN \"users\" AS u ON u.\"id\" = s.\"userId\" \
             WHERE s.\"sessionToken\" = $1 LIMIT 1"
        );
        assert_eq!(
            sql.update_expiry,
            "UPDATE \"sessions\" SET \"expires\" = to_timestamp($2::float8 / 1000) \
             WHERE \"sessionToken\" = $1"
        );
        assert_eq!(
            sql.delete,
            "DELETE FROM \"sessions\" WHERE \"sessionToken\" = $1"
        );
        assert_eq!(
            sql.create,
            "INSERT INTO \"sessions\" (\"sessionToken\", \"userId\", \"expires\") \
             VALUES ($1, $2::int8, to_timestamp($3::float8 / 1000))"
        );
        assert_eq!(
            sql.delete_user_sessions,
            "DELETE FROM \"sessions\" WHERE \"userId\" = $1::int8"
        );
    }

    #[test]
    fn prisma_statements_write_utc_and_updated_at() {
        let sql = statements(PgSchema::prisma());
        assert_eq!(
            sql.lookup,
            "SELECT floor(extract(epoch FROM s.\"expires\") * 1000)::int8 AS expires_ms, \
             u.\"id\"::text AS user_id, to_jsonb(u) AS user_row \
             FROM \"Session\" AS s JOIN \"User\" AS u ON u.\"id\" = s.\"userId\" \
             WHERE s.\"sessionToken\" = $1 LIMIT 1"
        );
        assert_eq!(
            sql.update_expiry,
            "UPDATE \"Session\" SET \
             \"expires\" = (to_timestamp($2::float8 / 1000) AT TIME ZONE 'UTC'), \
             \"updatedAt\" = (now() AT TIME ZONE 'UTC') WHERE \"sessionToken\" = $1"
        );
        assert_eq!(
            sql.create,
            "INSERT INTO \"Session\" (\"sessionToken\", \"userId\", \"expires\", \
             \"createdAt\", \"updatedAt\") VALUES ($1, $2, \
             (to_timestamp($3::float8 / 1000) AT TIME ZONE 'UTC'), \
             (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'))"
        );
        assert_eq!(
            sql.delete_user_sessions,
            "DELETE FROM \"Session\" WHERE \"userId\" = $1"
        );
        assert_eq!(
            sql.timestamp_columns,
            "SELECT \"expires\", \"createdAt\", \"updatedAt\" FROM \"Session\" LIMIT 0"
        );
    }

    #[test]
    fn kysely_statements_cast_ids_to_uuid() {
        let sql = statements(PgSchema::kysely());
        assert!(
            sql.lookup
                .contains("FROM \"Session\" AS s JOIN \"User\" AS u ON u.\"id\" = s.\"userId\"")
        );
        assert_eq!(
            sql.update_expiry,
            "UPDATE \"Session\" SET \"expires\" = to_timestamp($2::float8 / 1000) \
             WHERE \"sessionToken\" = $1"
        );
        assert_eq!(
            sql.create,
            "INSERT INTO \"Session\" (\"sessionToken\", \"userId\", \"expires\") \
             VALUES ($1, $2::uuid, to_timestamp($3::float8 / 1000))"
        );
        assert_eq!(
            sql.delete_user_sessions,
            "DELETE FROM \"Session\" WHERE \"userId\" = $1::uuid"
        );
    }

    #[test]
    fn drizzle_statements_quote_the_reserved_user() {
        let sql = statements(PgSchema::drizzle());
        // Unquoted, `user` would be `current_user`.
        assert!(
            sql.lookup
                .contains("FROM \"session\" AS s JOIN \"user\" AS u ON u.\"id\" = s.\"userId\"")
        );
        assert_eq!(
            sql.update_expiry,
            "UPDATE \"session\" SET \
             \"expires\" = (to_timestamp($2::float8 / 1000) AT TIME ZONE 'UTC') \
             WHERE \"sessionToken\" = $1"
        );
        assert_eq!(
            sql.create,
            "INSERT INTO \"session\" (\"sessionToken\", \"userId\", \"expires\") \
             VALUES ($1, $2, (to_timestamp($3::float8 / 1000) AT TIME ZONE 'UTC'))"
        );
        assert_eq!(
            sql.delete,
            "DELETE FROM \"session\" WHERE \"sessionToken\" = $1"
        );
    }

    #[test]
    fn every_name_is_quoted_and_its_quotes_doubled() {
        let schema = PgSchema::pg_adapter()
            .db_schema("my \"auth\"")
            .sessions_table("sess\"; DROP TABLE users; --")
            .users_table("Users")
            .session_token_column("token")
            .user_id_column("user_id")
            .expires_column("expires_at")
            .user_key_column("user id")
            .updated_at_column(Some("updated\"at"));
        let sql = statements(schema);
        assert_eq!(
            sql.lookup,
            "SELECT floor(extract(epoch FROM s.\"expires_at\") * 1000)::int8 AS expires_ms, \
             u.\"user id\"::text AS user_id, to_jsonb(u) AS user_row \
             FROM \"my \"\"auth\"\"\".\"sess\"\"; DROP TABLE users; --\" AS s \
             JOIN \"my \"\"auth\"\"\".\"Users\" AS u ON u.\"user id\" = s.\"user_id\" \
             WHERE s.\"token\" = $1 LIMIT 1"
        );
        assert_eq!(
            sql.update_expiry,
            "UPDATE \"my \"\"auth\"\"\".\"sess\"\"; DROP TABLE users; --\" SET \
             \"expires_at\" = to_timestamp($2::float8 / 1000), \"updated\"\"at\" = now() \
             WHERE \"token\" = $1"
        );
        assert_eq!(quote("a\"\"b"), "\"a\"\"\"\"b\"");
        assert_eq!(quote(""), "\"\"");
    }
}
