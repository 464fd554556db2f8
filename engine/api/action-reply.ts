/** The answer to one POST of the HTTP API: a status and a JSON body. */
export type ActionReply = { status: number; body: unknown };
