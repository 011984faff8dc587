/* agent-window.h — the main window: login page, header, bars and the pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "agent-login-page.h"
#include "agent-session.h"

G_BEGIN_DECLS

#define AGENT_TYPE_WINDOW (agent_window_get_type ())

G_DECLARE_FINAL_TYPE (AgentWindow, agent_window, AGENT, WINDOW, AdwApplicationWindow)

/**
 * AgentShowPageResult:
 * @AGENT_SHOW_PAGE_SHOWN: the page is shown; `page-shown` follows once its data is on screen
 * @AGENT_SHOW_PAGE_DENIED: the account may not see it; `page-denied` was written
 * @AGENT_SHOW_PAGE_UNKNOWN: there is no such page
 * @AGENT_SHOW_PAGE_LOGGED_OUT: nobody is logged in; the login page is shown
 */
typedef enum
{
  AGENT_SHOW_PAGE_SHOWN,
  AGENT_SHOW_PAGE_DENIED,
  AGENT_SHOW_PAGE_UNKNOWN,
  AGENT_SHOW_PAGE_LOGGED_OUT,
} AgentShowPageResult;

AgentWindow        *agent_window_new              (GtkApplication *application,
                                                   AgentSession   *session);
AgentSession       *agent_window_get_session      (AgentWindow    *self);
AgentLoginPage     *agent_window_get_login_page   (AgentWindow    *self);
AgentShowPageResult agent_window_show_page        (AgentWindow    *self,
                                                   const char     *name);
const char         *agent_window_get_page_name    (AgentWindow    *self);
GtkWidget          *agent_window_get_page         (AgentWindow    *self,
                                                   const char     *name);
void                agent_window_show_login       (AgentWindow    *self,
                                                   const char     *message);
void                agent_window_add_toast        (AgentWindow    *self,
                                                   const char     *message);
void                agent_window_set_sandbox      (AgentWindow    *self,
                                                   gboolean        sandbox);
gboolean            agent_window_get_sandbox      (AgentWindow    *self);
void                agent_window_set_dialer       (AgentWindow    *self,
                                                   GtkWidget      *dialer);
GtkWidget          *agent_window_get_dialer       (AgentWindow    *self);
gboolean            agent_page_name_is_known      (const char     *name);
gboolean            agent_page_name_is_admin      (const char     *name);

G_END_DECLS
