/* agent-board-page.h — the live board: every agent's state, the queue, the channels in use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "agent-channel-bar.h"

G_BEGIN_DECLS

#define AGENT_TYPE_BOARD_PAGE (agent_board_page_get_type ())

G_DECLARE_FINAL_TYPE (AgentBoardPage, agent_board_page, AGENT, BOARD_PAGE, AdwBin)

GtkWidget       *agent_board_page_new             (void);
guint            agent_board_page_get_n_refreshes (AgentBoardPage *self);
guint            agent_board_page_get_n_skipped   (AgentBoardPage *self);
gboolean         agent_board_page_get_refreshing  (AgentBoardPage *self);
gboolean         agent_board_page_get_running     (AgentBoardPage *self);
GListModel      *agent_board_page_get_agents      (AgentBoardPage *self);
GListModel      *agent_board_page_get_queue       (AgentBoardPage *self);
const char      *agent_board_page_get_wait_text   (AgentBoardPage *self,
                                                   guint           index);
AgentChannelBar *agent_board_page_get_channel_bar (AgentBoardPage *self);

G_END_DECLS
