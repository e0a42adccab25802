//! rust-realtime: channels and messages of hybrid-saas, over the shared Supabase database.

mod models;

use sqlx::postgres::PgPoolOptions;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let url = std::env::var("DATABASE_URL")?;
    let pool = PgPoolOptions::new().max_connections(5).connect(&url).await?;

    // The shared database is migrated from supabase/migrations (00300-00399 for this service), so
    // sqlx's own migrator runs only against a scratch database while developing a migration.
    if std::env::var("SQLX_MIGRATE_SCRATCH").as_deref() == Ok("1") {
        sqlx::migrate!().run(&pool).await?;
    }

    for channel in models::Channel::recent(&pool, 20).await? {
        println!("#{} ({})", channel.name, channel.id);
    }
    Ok(())
}
