/* bbh-response-private.h — from an HTTP answer to a checked JSON object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  BBH_RESPONSE_DEFAULT     = 0,
  /* upload_record answers `status` (0 ok, 3001…) instead of `code`. */
  BBH_RESPONSE_STATUS_CODE = 1 << 0,
} BbhResponseFlags;

JsonObject *bbh_response_parse (const char        *data,
                                gsize              length,
                                guint              http_status,
                                BbhResponseFlags   flags,
                                GError           **error);

G_END_DECLS
