/**
 * The request header carrying the client's IP to the app (lib/data/request-context.ts, for the
 * audit log). Only our own server sets it (lib/serving/pipeline.ts), overwriting any copy a
 * client sent.
 */
export const CLIENT_IP_HEADER = "x-nianbao-client-ip";
