/* agent-page.h — what the main window needs from a page of its view stack
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "agent-session.h"

G_BEGIN_DECLS

#define AGENT_TYPE_PAGE (agent_page_get_type ())

G_DECLARE_INTERFACE (AgentPage, agent_page, AGENT, PAGE, GtkWidget)

/**
 * AgentPageInterface:
 * @load: (re)load the page's first data with @session's client; call agent_page_loaded()
 *   once the rows are on screen (also after an error, with 0 rows)
 */
struct _AgentPageInterface
{
  GTypeInterface parent_iface;

  void (*load) (AgentPage    *self,
                AgentSession *session);
};

void         agent_page_load     (AgentPage    *self,
                                  AgentSession *session);
void         agent_page_loaded   (AgentPage    *self,
                                  guint         rows);
gboolean     agent_page_focus_search (GtkWidget *page);

G_END_DECLS
