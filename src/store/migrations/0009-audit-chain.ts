import { sql, type Kysely, type Migration } from 'kysely'

/** Lock that puts audit entries in one chain, one at a time. */
export const AUDIT_CHAIN_LOCK = 7_470_119

// The audit log is append-only and hash-chained. Each entry gets, under one lock, the next position in the
// chain (seq), the hash of the entry before it (prev_hash) and its own hash over both and its content
// (audit_entry_hash, the one definition `txscreen audit verify` recomputes). Updates, deletes and truncation
// are refused by triggers, so an edit needs the rights to switch those off, and then breaks the chain.
export const auditChain: Migration = {
  async up(db: Kysely<any>) {
    await sql`alter table audit_log add column seq bigint, add column prev_hash text, add column hash text`.execute(db)
    await sql`
      create function audit_entry_hash(prev text, seq bigint, at timestamptz, actor text, action text, target text, details jsonb)
      returns text language sql immutable as $$
        select encode(sha256(convert_to(
          prev || '|' || seq::text || '|' || to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '|' ||
          actor || '|' || action || '|' || target || '|' || details::text, 'UTF8')), 'hex')
      $$`.execute(db)
    await sql`
      create function audit_log_chain() returns trigger language plpgsql as $$
      declare last record;
      begin
        perform pg_advisory_xact_lock(${sql.lit(AUDIT_CHAIN_LOCK)});
        -- a new statement, so a new snapshot: the entry committed by the previous holder of the lock is seen
        select a.seq, a.hash into last from audit_log a where a.seq is not null order by a.seq desc limit 1;
        new.seq := coalesce(last.seq, 0) + 1;
        new.prev_hash := coalesce(last.hash, '');
        new.hash := audit_entry_hash(new.prev_hash, new.seq, new.at, new.actor, new.action, new.target, new.details);
        return new;
      end $$`.execute(db)
    // entries written before the chain existed are chained in id order
    await sql`
      do $$
      declare r record; prev text := ''; n bigint := 0;
      begin
        for r in select * from audit_log order by id loop
          n := n + 1;
          update audit_log set seq = n, prev_hash = prev,
            hash = audit_entry_hash(prev, n, r.at, r.actor, r.action, r.target, r.details) where id = r.id;
          select hash into prev from audit_log where id = r.id;
        end loop;
      end $$`.execute(db)
    await sql`alter table audit_log alter column seq set not null, alter column prev_hash set not null, alter column hash set not null`.execute(db)
    await sql`create unique index audit_log_seq on audit_log (seq)`.execute(db)
    await sql`create trigger audit_log_chain before insert on audit_log for each row execute function audit_log_chain()`.execute(db)
    await sql`
      create function audit_log_refuse() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only: % refused', tg_op;
      end $$`.execute(db)
    await sql`create trigger audit_log_no_change before update or delete on audit_log for each row execute function audit_log_refuse()`.execute(db)
    await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_refuse()`.execute(db)
  },
}
