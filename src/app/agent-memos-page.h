/* agent-memos-page.h — memos per number, and the agent's follow-ups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AGENT_TYPE_MEMOS_PAGE (agent_memos_page_get_type ())

G_DECLARE_FINAL_TYPE (AgentMemosPage, agent_memos_page, AGENT, MEMOS_PAGE, AdwBin)

GtkWidget   *agent_memos_page_new        (void);
void         agent_memos_page_search     (AgentMemosPage *self,
                                          const char     *phone);
const char  *agent_memos_page_get_phone  (AgentMemosPage *self);
GListModel  *agent_memos_page_get_memos  (AgentMemosPage *self);

G_END_DECLS
