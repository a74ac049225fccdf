import { VersionConflictError } from '../core/versioned-write.ts';

/**
 * Saves a settings row as "never saved before" (version 0). Whether the save created the row: a
 * conflict means an earlier save exists (the sandbox's first start, or an admin since), and is kept.
 */
export async function saveOnce(save: () => Promise<unknown>): Promise<boolean> {
  try {
    await save();
    return true;
  } catch (error) {
    if (error instanceof VersionConflictError) return false;
    throw error;
  }
}
