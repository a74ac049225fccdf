/** The signed-in admin of a request, as the session guard found it in the database. */
export interface RequestAdmin {
  id: string;
  username: string;
  role: 'admin' | 'operator';
  /** Set until the admin chooses their own password: the session may do little else until then. */
  mustChangePassword: boolean;
}

declare global {
  namespace Express {
    interface Request {
      /** Set by the session guard (`requireSession`); absent on public routes. */
      admin?: RequestAdmin;
    }
  }
}
