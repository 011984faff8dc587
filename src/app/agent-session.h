/* agent-session.h — the logged-in agent: client, identity, check-in state, event stream
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "bbh.h"

G_BEGIN_DECLS

#define AGENT_TYPE_SESSION (agent_session_get_type ())

G_DECLARE_FINAL_TYPE (AgentSession, agent_session, AGENT, SESSION, GObject)

/**
 * AgentWatermarkLoadFunc:
 * @session: the session
 * @server: the server's base URL
 * @account: the account
 * @user_data: the data given to agent_session_set_watermark_store()
 *
 * Returns: the watermark stored for @server and @account, or -1 when there is none
 */
typedef gint64 (*AgentWatermarkLoadFunc) (AgentSession *session,
                                          const char   *server,
                                          const char   *account,
                                          gpointer      user_data);
typedef void   (*AgentWatermarkSaveFunc) (AgentSession *session,
                                          const char   *server,
                                          const char   *account,
                                          gint64        watermark,
                                          gpointer      user_data);

AgentSession   *agent_session_new                   (GSettings            *settings);
void            agent_session_login_async           (AgentSession         *self,
                                                     const char           *server,
                                                     const char           *account,
                                                     const char           *password_md5,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
BbhExtension   *agent_session_login_finish          (AgentSession         *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            agent_session_logout_async          (AgentSession         *self,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        agent_session_logout_finish         (AgentSession         *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            agent_session_set_checked_in_async  (AgentSession         *self,
                                                     gboolean              checked_in,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        agent_session_set_checked_in_finish (AgentSession         *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
gboolean        agent_session_get_logged_in         (AgentSession         *self);
gboolean        agent_session_get_busy              (AgentSession         *self);
BbhClient      *agent_session_get_client            (AgentSession         *self);
BbhExtension   *agent_session_get_extension         (AgentSession         *self);
BbhEventStream *agent_session_get_event_stream      (AgentSession         *self);
GCancellable   *agent_session_get_cancellable       (AgentSession         *self);
const char     *agent_session_get_server            (AgentSession         *self);
const char     *agent_session_get_account           (AgentSession         *self);
gboolean        agent_session_get_is_admin          (AgentSession         *self);
gboolean        agent_session_get_checked_in        (AgentSession         *self);
gboolean        agent_session_get_connected         (AgentSession         *self);
guint           agent_session_get_retry_in          (AgentSession         *self);
void            agent_session_retry_now             (AgentSession         *self);
void            agent_session_set_watermark_store   (AgentSession         *self,
                                                     AgentWatermarkLoadFunc load,
                                                     AgentWatermarkSaveFunc save,
                                                     gpointer              user_data,
                                                     GDestroyNotify        destroy);

G_END_DECLS
