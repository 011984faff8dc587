/* agent-login-page.h — server, account and password, and what went wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * AgentServerPreset:
 * @AGENT_SERVER_SANDBOX: the demo sandbox on this computer
 * @AGENT_SERVER_800ING: the vendor's cloud, http://voip.800ing.com:8080
 * @AGENT_SERVER_CUSTOM: an address the person types
 */
typedef enum
{
  AGENT_SERVER_SANDBOX,
  AGENT_SERVER_800ING,
  AGENT_SERVER_CUSTOM,
} AgentServerPreset;

#define AGENT_800ING_URL "http://voip.800ing.com:8080"

#define AGENT_TYPE_LOGIN_PAGE (agent_login_page_get_type ())

G_DECLARE_FINAL_TYPE (AgentLoginPage, agent_login_page, AGENT, LOGIN_PAGE, AdwBin)

GtkWidget         *agent_login_page_new            (void);
AgentServerPreset  agent_login_page_get_preset     (AgentLoginPage  *self);
char              *agent_login_page_get_server     (AgentLoginPage  *self);
void               agent_login_page_set_server     (AgentLoginPage  *self,
                                                    const char      *server);
const char        *agent_login_page_get_account    (AgentLoginPage  *self);
void               agent_login_page_set_account    (AgentLoginPage  *self,
                                                    const char      *account);
void               agent_login_page_set_password   (AgentLoginPage  *self,
                                                    const char      *password);
gboolean           agent_login_page_get_remember   (AgentLoginPage  *self);
void               agent_login_page_set_remember   (AgentLoginPage  *self,
                                                    gboolean         remember);
gboolean           agent_login_page_get_busy       (AgentLoginPage  *self);
void               agent_login_page_set_busy       (AgentLoginPage  *self,
                                                    gboolean         busy);
const char        *agent_login_page_get_error      (AgentLoginPage  *self);
void               agent_login_page_set_error      (AgentLoginPage  *self,
                                                    const char      *message);
void               agent_login_page_clear_password (AgentLoginPage  *self);
char              *agent_login_error_describe      (const GError    *error,
                                                    const char      *server);

G_END_DECLS
