/* bbh-client-admin.h — BbhClient methods for administration: agents, blacklist, channels, outbound campaigns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bbh-client.h"
#include "bbh-agent.h"
#include "bbh-agent-account.h"
#include "bbh-agent-edit.h"

G_BEGIN_DECLS

/* 2.1.2 / 2.11.5 getExtensions — the company's agents (BbhAgent). */
void          bbh_client_get_extensions_async           (BbhClient            *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GListModel   *bbh_client_get_extensions_finish          (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         guint64              *out_total,
                                                         GError              **error);

/* 2.1.12 registerExtension — the server picks the extension and the password. */
void          bbh_client_register_extension_async       (BbhClient            *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
BbhAgentAccount *bbh_client_register_extension_finish   (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* 2.11.1 addExtension */
void          bbh_client_add_extension_async            (BbhClient            *self,
                                                         BbhAgentEdit         *agent,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean      bbh_client_add_extension_finish           (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         gint64               *out_exte_id,
                                                         GError              **error);

/* 2.11.2 editExtension */
void          bbh_client_edit_extension_async           (BbhClient            *self,
                                                         BbhAgentEdit         *agent,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean      bbh_client_edit_extension_finish          (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* 2.11.3 delExtension */
void          bbh_client_del_extension_async            (BbhClient            *self,
                                                         gint64                exte_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean      bbh_client_del_extension_finish           (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* 2.11.4 initExtensionPassword — returns the new password. */
void          bbh_client_init_extension_password_async  (BbhClient            *self,
                                                         gint64                exte_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
char         *bbh_client_init_extension_password_finish (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* 2.2.4 setShowPhone — the caller ID an agent's calls show. */
void          bbh_client_set_show_phone_async           (BbhClient            *self,
                                                         const char           *extension,
                                                         const char           *phone,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean      bbh_client_set_show_phone_finish          (BbhClient            *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
