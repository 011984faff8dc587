/* agent-history-page.h — the call history: every call, filtered, paged from the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "agent-paged-model.h"
#include "agent-player-bar.h"
#include "agent-recording-download.h"

G_BEGIN_DECLS

#define AGENT_TYPE_HISTORY_PAGE (agent_history_page_get_type ())

G_DECLARE_FINAL_TYPE (AgentHistoryPage, agent_history_page, AGENT, HISTORY_PAGE, AdwBin)

GtkWidget              *agent_history_page_new             (void);
AgentPagedModel        *agent_history_page_get_model       (AgentHistoryPage *self);
AgentPlayerBar         *agent_history_page_get_player_bar  (AgentHistoryPage *self);
void                    agent_history_page_play            (AgentHistoryPage *self,
                                                            BbhCallRecord    *record);
void                    agent_history_page_play_cdr_id     (AgentHistoryPage *self,
                                                            const char       *cdr_id);
AgentRecordingDownload *agent_history_page_download_to     (AgentHistoryPage *self,
                                                            BbhCallRecord    *record,
                                                            GFile            *dest);

G_END_DECLS
