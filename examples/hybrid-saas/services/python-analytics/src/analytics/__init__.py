"""python-analytics: event ingestion and reporting over the shared Supabase database."""
