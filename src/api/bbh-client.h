/* bbh-client.h — one connection to an 八百呼 server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "bbh-extension.h"

G_BEGIN_DECLS

#define BBH_TYPE_CLIENT (bbh_client_get_type ())

G_DECLARE_FINAL_TYPE (BbhClient, bbh_client, BBH, CLIENT, GObject)

BbhClient   *bbh_client_new                 (const char           *base_url,
                                             const char           *account,
                                             const char           *password_md5);
char        *bbh_password_md5               (const char           *password);
/* The local time zone, read once per process (transfer none): GLib 2.74 re-reads
 * /etc/localtime in every g_time_zone_new_local() when TZ is not set. */
GTimeZone   *bbh_local_time_zone            (void);
char        *bbh_redact_uri                 (const char           *uri);
const char  *bbh_client_get_base_url        (BbhClient            *self);
const char  *bbh_client_get_account         (BbhClient            *self);
guint        bbh_client_get_timeout         (BbhClient            *self);
void         bbh_client_set_timeout         (BbhClient            *self,
                                             guint                 seconds);
gboolean     bbh_client_is_encrypted        (BbhClient            *self);
gboolean     bbh_client_is_loopback         (BbhClient            *self);

/* 2.1.1 getExtension — log in. */
void         bbh_client_get_extension_async (BbhClient            *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
BbhExtension *bbh_client_get_extension_finish (BbhClient          *self,
                                               GAsyncResult       *result,
                                               GError            **error);

G_END_DECLS
