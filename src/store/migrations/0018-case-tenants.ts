import { sql, type Kysely, type Migration } from 'kysely'

// cases belong to a tenant, as batches and verdicts do: a batch's cases take the batch's tenant, a real-time
// case the tenant of its alerts (of its first alerting transfer for cases stored before); the evidence kept
// for real-time cases is kept per tenant, since two tenants may send transfers with one id
export const caseTenants: Migration = {
  async up(db: Kysely<any>) {
    await sql`alter table cases add column tenant text not null default 'default'`.execute(db)
    await sql`update cases set tenant = b.tenant from batches b where cases.batch_id = b.id`.execute(db)
    await sql`update cases set tenant = coalesce((select v.tenant from verdicts v where v.batch_id is null and v.record_id = cases.transfers->>0 order by v.id limit 1), 'default') where batch_id is null`.execute(db)
    await sql`create index cases_tenant on cases (tenant, id)`.execute(db)
    await sql`drop index cases_realtime_entity`.execute(db)
    await sql`create index cases_realtime_entity on cases (tenant, entity, last_seen) where batch_id is null`.execute(db)
    await sql`alter table realtime_evidence_records add column tenant text not null default 'default'`.execute(db)
    await sql`update realtime_evidence_records r set tenant = v.tenant from verdicts v where v.batch_id is null and v.record_id = r.record_id`.execute(db)
    await sql`alter table realtime_evidence_records drop constraint realtime_evidence_records_pkey`.execute(db)
    await sql`alter table realtime_evidence_records add primary key (tenant, record_id)`.execute(db)
  },
}
