/* agent-credentials.h — the remembered password, in the Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

#define AGENT_TYPE_CREDENTIALS (agent_credentials_get_type ())

G_DECLARE_FINAL_TYPE (AgentCredentials, agent_credentials, AGENT, CREDENTIALS, GObject)

const SecretSchema *agent_credentials_get_schema   (void);
AgentCredentials   *agent_credentials_new          (void);
void                agent_credentials_store_async  (AgentCredentials     *self,
                                                    const char           *server,
                                                    const char           *account,
                                                    const char           *password_md5,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean            agent_credentials_store_finish (AgentCredentials     *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void                agent_credentials_lookup_async (AgentCredentials     *self,
                                                    const char           *server,
                                                    const char           *account,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
char               *agent_credentials_lookup_finish (AgentCredentials    *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void                agent_credentials_forget_async (AgentCredentials     *self,
                                                    const char           *server,
                                                    const char           *account,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean            agent_credentials_forget_finish (AgentCredentials    *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
