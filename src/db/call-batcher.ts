/**
 * Gathers calls that arrive together into batches that one statement serves (group commit). While a
 * batch is in flight the calls that come in wait and go together in the next one, so batches grow
 * with the load and a lone call goes at once: no timer, an idle system waits for nothing. Each caller
 * gets its own answer or its own error, and only once its batch has finished (committed).
 */
export class CallBatcher<In, Out> {
  private waiting: Array<Pending<In, Out>> = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: (items: In[]) => Promise<Array<PromiseSettledResult<Out>>>,
    private readonly options: {
      /** Calls per batch at most. @defaultValue 200 */
      maxBatch?: number;
      /** Batches running at once. @defaultValue 1 */
      maxInFlight?: number;
      /**
       * What a call must not share a batch with: a call naming a key already in the batch waits for
       * the next one (e.g. two changes of one player, whose second must see the first's totals).
       */
      exclusiveKeys?: (item: In) => readonly string[];
    } = {},
  ) {}

  call(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    if (this.inFlight >= (this.options.maxInFlight ?? 1)) return;
    this.scheduled = true;
    // Calls made in the same turn of the event loop (a burst of jobs, of records) join this batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.waiting.length === 0 || this.inFlight >= (this.options.maxInFlight ?? 1)) return;
    const batch = this.take();
    this.inFlight++;
    this.schedule();
    try {
      const results = await this.run(batch.map((p) => p.item));
      batch.forEach((p, i) => {
        const result = results[i];
        if (result?.status === 'fulfilled') p.resolve(result.value);
        else p.reject(result ? result.reason : new Error('a batched call got no answer'));
      });
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }

  private take(): Array<Pending<In, Out>> {
    const max = this.options.maxBatch ?? 200;
    const keysOf = this.options.exclusiveKeys;
    if (!keysOf) return this.waiting.splice(0, max);
    const taken: Array<Pending<In, Out>> = [];
    const left: Array<Pending<In, Out>> = [];
    const used = new Set<string>();
    for (const pending of this.waiting) {
      const keys = keysOf(pending.item);
      // A call that waits also holds its keys back, so calls on one key keep their order.
      const free = taken.length < max && keys.every((k) => !used.has(k));
      for (const k of keys) used.add(k);
      (free ? taken : left).push(pending);
    }
    this.waiting = left;
    return taken;
  }
}

interface Pending<In, Out> {
  item: In;
  resolve: (value: Out) => void;
  reject: (error: unknown) => void;
}
