-- Email confirmation (decision 0014). Every account that could sign in before it came is taken as
-- confirmed, from when it was created: those people have used the service under their address.
-- A pending staff invitation stays unconfirmed until it is accepted (accepting proves the address).
UPDATE users SET email_verified_at = created_at WHERE email_verified_at IS NULL AND status IN ('active', 'disabled');
