//! Rows of the tables this service owns (see migrations/ and supabase/migrations/00300_rust_channels.sql).

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

#[derive(Debug, sqlx::FromRow)]
pub struct Channel {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub name: String,
    pub topic: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, sqlx::FromRow)]
pub struct Message {
    pub id: Uuid,
    pub channel_id: Uuid,
    pub author_id: Option<Uuid>,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Channel {
    /// The most recently created channels visible to the connection's role.
    pub async fn recent(pool: &PgPool, limit: i64) -> sqlx::Result<Vec<Channel>> {
        sqlx::query_as::<_, Channel>(
            "select id, organization_id, name, topic, created_by, created_at, updated_at \
             from public.channels order by created_at desc limit $1",
        )
        .bind(limit)
        .fetch_all(pool)
        .await
    }
}

impl Message {
    /// A page of a channel's messages, newest first (served by messages_channel_id_created_at_idx).
    pub async fn page(pool: &PgPool, channel_id: Uuid, limit: i64) -> sqlx::Result<Vec<Message>> {
        sqlx::query_as::<_, Message>(
            "select id, channel_id, author_id, body, created_at, updated_at \
             from public.messages where channel_id = $1 order by created_at desc limit $2",
        )
        .bind(channel_id)
        .bind(limit)
        .fetch_all(pool)
        .await
    }
}
