/* agent-application.h — the application: command line, actions, login, quit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "agent-credentials.h"
#include "agent-sandbox.h"
#include "agent-session.h"
#include "agent-window.h"

G_BEGIN_DECLS

#define AGENT_TYPE_APPLICATION (agent_application_get_type ())

G_DECLARE_FINAL_TYPE (AgentApplication, agent_application, AGENT, APPLICATION, AdwApplication)

AgentApplication *agent_application_new             (void);
AgentSession     *agent_application_get_session     (AgentApplication *self);
AgentCredentials *agent_application_get_credentials (AgentApplication *self);
AgentSandbox     *agent_application_get_sandbox     (AgentApplication *self);
AgentWindow      *agent_application_get_window      (AgentApplication *self);
GSettings        *agent_application_get_settings    (AgentApplication *self);
void              agent_application_login           (AgentApplication *self,
                                                     const char       *server,
                                                     const char       *account,
                                                     const char       *password_md5,
                                                     gboolean          remember,
                                                     gboolean          explicit_request);
void              agent_application_toast           (AgentApplication *self,
                                                     const char       *message);
char             *agent_phone_from_uri              (const char       *uri);

G_END_DECLS
