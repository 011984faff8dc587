/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bbh-client-private.h"
#include "bbh-task-request.h"

G_BEGIN_DECLS

gboolean bbh_task_request_validate      (BbhTaskRequest  *self,
                                         GError         **error);
void     bbh_task_request_append_params (BbhTaskRequest  *self,
                                         BbhParams       *params);

G_END_DECLS
