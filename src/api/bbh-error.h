/* bbh-error.h — errors of the 八百呼 protocol library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BBH_ERROR (bbh_error_quark ())

/**
 * BbhError:
 *
 * The server's own codes (section 1.2 of the API document) keep their values; the
 * library's own conditions are below -100 so they never collide with a server code.
 */
typedef enum
{
  BBH_ERROR_FAILED         = 1,     /* any other non-zero server code */
  BBH_ERROR_NETWORK        = -1,
  BBH_ERROR_AUTH           = -2,
  BBH_ERROR_INTERNAL       = -3,
  BBH_ERROR_PERMISSION     = -5,
  BBH_ERROR_SQL            = -6,
  BBH_ERROR_EXISTS         = -10,
  BBH_ERROR_NOT_FOUND      = -11,
  BBH_ERROR_OVER_MAXIMUM   = -12,
  BBH_ERROR_FILE_SAVE      = -13,
  BBH_ERROR_GROUP          = -14,
  /* The library's own. */
  BBH_ERROR_PROTOCOL       = -101,  /* the body is not the JSON we expect */
  BBH_ERROR_HTTP           = -102,  /* an HTTP status other than 2xx */
  BBH_ERROR_TLS            = -103,  /* the certificate did not verify */
  BBH_ERROR_TIMEOUT        = -104,  /* no answer in time */
  BBH_ERROR_UNREACHABLE    = -105,  /* connection refused, reset, or name did not resolve */
  BBH_ERROR_UNSUPPORTED    = -106,  /* the server does not know this method */
  BBH_ERROR_INVALID        = -107,  /* a parameter was rejected before sending */
  /* upload_record's own statuses (section 2.1.10). */
  BBH_ERROR_DEVICE_NOT_REGISTERED = 3001,
  BBH_ERROR_DEVICE_MAC_MISSING    = 3002,
  BBH_ERROR_DEVICE_NOTHING        = 3003,
} BbhError;

GQuark       bbh_error_quark           (void);
const char  *bbh_error_describe        (int          code);
gboolean     bbh_error_is_transient    (const GError *error);

G_END_DECLS
