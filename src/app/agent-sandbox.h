/* agent-sandbox.h — the demo server, run as a child process for --sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define AGENT_TYPE_SANDBOX (agent_sandbox_get_type ())

G_DECLARE_FINAL_TYPE (AgentSandbox, agent_sandbox, AGENT, SANDBOX, GObject)

#define AGENT_SANDBOX_ACCOUNT  "100008800"
#define AGENT_SANDBOX_PASSWORD "02367073578"

char         *agent_sandbox_find_program  (void);
AgentSandbox *agent_sandbox_new           (void);
void          agent_sandbox_start_async   (AgentSandbox         *self,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
char         *agent_sandbox_start_finish  (AgentSandbox         *self,
                                           GAsyncResult         *result,
                                           GError              **error);
const char   *agent_sandbox_get_url       (AgentSandbox         *self);
gboolean      agent_sandbox_get_running   (AgentSandbox         *self);
void          agent_sandbox_stop          (AgentSandbox         *self);

G_END_DECLS
