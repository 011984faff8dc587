/* agent-campaigns-page.h — outbound campaigns: call flows in words, new tasks, task numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bbh.h"
#include "agent-channel-bar.h"

G_BEGIN_DECLS

#define AGENT_TYPE_CAMPAIGNS_PAGE (agent_campaigns_page_get_type ())

G_DECLARE_FINAL_TYPE (AgentCampaignsPage, agent_campaigns_page, AGENT, CAMPAIGNS_PAGE, AdwBin)

GtkWidget       *agent_campaigns_page_new           (void);
GListModel      *agent_campaigns_page_get_flows     (AgentCampaignsPage *self);
GListModel      *agent_campaigns_page_get_details   (AgentCampaignsPage *self);
gboolean         agent_campaigns_page_select_task   (AgentCampaignsPage *self,
                                                     const char         *task_name);
void             agent_campaigns_page_set_filter    (AgentCampaignsPage *self,
                                                     BbhTaskFilter       filter);
AgentChannelBar *agent_campaigns_page_get_counts    (AgentCampaignsPage *self);

G_END_DECLS
