/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bbh-agent-edit.h"
#include "bbh-client-private.h"

G_BEGIN_DECLS

/* @for_edit: editExtension (needs exteId) rather than addExtension (needs exteExtension). */
gboolean bbh_agent_edit_validate      (BbhAgentEdit  *self,
                                       gboolean       for_edit,
                                       GError       **error);
void     bbh_agent_edit_append_params (BbhAgentEdit  *self,
                                       gboolean       for_edit,
                                       BbhParams     *params);

G_END_DECLS
