-- When each client API key was last presented (written every minute from memory), for the admin page.
ALTER TABLE api_key ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;
