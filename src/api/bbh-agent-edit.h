/* bbh-agent-edit.h — the fields of addExtension and editExtension; unset fields are not sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "bbh-agent.h"

G_BEGIN_DECLS

#define BBH_TYPE_AGENT_EDIT (bbh_agent_edit_get_type ())

G_DECLARE_FINAL_TYPE (BbhAgentEdit, bbh_agent_edit, BBH, AGENT_EDIT, GObject)

BbhAgentEdit *bbh_agent_edit_new                   (void);
BbhAgentEdit *bbh_agent_edit_new_for_id            (gint64         exte_id);
void          bbh_agent_edit_set_id                (BbhAgentEdit  *self,
                                                    gint64         exte_id);
gint64        bbh_agent_edit_get_id                (BbhAgentEdit  *self);
void          bbh_agent_edit_set_extension         (BbhAgentEdit  *self,
                                                    const char    *extension);
void          bbh_agent_edit_set_name              (BbhAgentEdit  *self,
                                                    const char    *name);
void          bbh_agent_edit_set_password          (BbhAgentEdit  *self,
                                                    const char    *password);
void          bbh_agent_edit_set_department_id     (BbhAgentEdit  *self,
                                                    gint64         department_id);
void          bbh_agent_edit_set_mobile            (BbhAgentEdit  *self,
                                                    const char    *mobile);
void          bbh_agent_edit_set_transfer_to_mobile (BbhAgentEdit *self,
                                                    gboolean       transfer);
void          bbh_agent_edit_set_status            (BbhAgentEdit  *self,
                                                    int            status);
void          bbh_agent_edit_set_record            (BbhAgentEdit  *self,
                                                    gboolean       record);
void          bbh_agent_edit_set_memo              (BbhAgentEdit  *self,
                                                    guint          index,
                                                    const char    *memo);
void          bbh_agent_edit_set_login_name        (BbhAgentEdit  *self,
                                                    const char    *login_name);
void          bbh_agent_edit_set_login_type        (BbhAgentEdit  *self,
                                                    int            login_type);
void          bbh_agent_edit_set_transfer_shp_id   (BbhAgentEdit  *self,
                                                    gint64         shp_id);
void          bbh_agent_edit_set_app_allowed       (BbhAgentEdit  *self,
                                                    gboolean       allowed);
void          bbh_agent_edit_set_shp_id            (BbhAgentEdit  *self,
                                                    gint64         shp_id);
gboolean      bbh_agent_edit_is_empty              (BbhAgentEdit  *self);

G_END_DECLS
