/* agent-blacklist-page.h — the company's blacklist: list, search, add, remove, import, export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "agent-csv.h"

G_BEGIN_DECLS

#define AGENT_TYPE_BLACKLIST_PAGE (agent_blacklist_page_get_type ())

G_DECLARE_FINAL_TYPE (AgentBlacklistPage, agent_blacklist_page, AGENT, BLACKLIST_PAGE, AdwBin)

GtkWidget  *agent_blacklist_page_new           (void);
GListModel *agent_blacklist_page_get_entries   (AgentBlacklistPage *self);
gboolean    agent_blacklist_page_get_busy      (AgentBlacklistPage *self);
void        agent_blacklist_page_import_file   (AgentBlacklistPage *self,
                                                GFile              *file,
                                                AgentCsvEncoding    encoding);
void        agent_blacklist_page_export_file   (AgentBlacklistPage *self,
                                                GFile              *file,
                                                AgentCsvEncoding    encoding);
void        agent_blacklist_page_set_search    (AgentBlacklistPage *self,
                                                const char         *text);
guint       agent_blacklist_page_get_n_shown   (AgentBlacklistPage *self);
void        agent_blacklist_page_select_phones (AgentBlacklistPage *self,
                                                const char * const *phones);

G_END_DECLS
