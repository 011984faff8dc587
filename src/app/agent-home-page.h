/* agent-home-page.h — today's calls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AGENT_TYPE_HOME_PAGE (agent_home_page_get_type ())

G_DECLARE_FINAL_TYPE (AgentHomePage, agent_home_page, AGENT, HOME_PAGE, AdwBin)

GtkWidget   *agent_home_page_new        (void);
GListModel  *agent_home_page_get_calls  (AgentHomePage *self);

G_END_DECLS
