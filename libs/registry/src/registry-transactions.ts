import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

// The EntityManager of the unit of work the current call runs in, carried along its awaits.
const unitOfWork = new AsyncLocalStorage<EntityManager>();

/**
 * Where a repository's queries go: the open unit of work's transaction when the call runs inside
 * one on this DataSource, the DataSource otherwise. On PGlite (one connection) a query through the
 * DataSource while a transaction is open waits forever, so repositories never hold on to
 * `dataSource.getRepository(...)`: they ask here on every call.
 */
export function currentManager(dataSource: DataSource): EntityManager {
  const manager = unitOfWork.getStore();
  return manager?.dataSource === dataSource ? manager : dataSource.manager;
}

/**
 * Units of work: `run(work)` opens one transaction and every repository call made by `work`
 * (on this DataSource) joins it, so its writes commit together or not at all. A run inside a
 * run joins the outer one. Keep slow work (password hashing, bus publishes) out of `work`: the
 * transaction holds PGlite's only connection, and events must follow the commit.
 */
export class RegistryTransactions {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    if (unitOfWork.getStore()?.dataSource === this.dataSource) return work();
    return this.dataSource.transaction((manager) => unitOfWork.run(manager, work));
  }
}
