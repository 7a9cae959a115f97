// `/document-templates/:key?`: the document templates (mẫu văn bản). Every staff account reads them; an
// administrator edits the text, sees the server's mistakes at their line, previews a draft as PDF with
// sample values, saves a new version or goes back to the built-in template.
import { EyeOutlined, RollbackOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Input, Menu, Popconfirm, Result, Row, Space, Table, Tag, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { docTemplateApi } from '../api';
import type { DocTemplate, DocTemplateSummary } from '../api/types';
import { canEditTemplates, canSeeCatalogs } from '../auth/access';
import { useUser } from '../auth/AuthContext';
import { ErrorState } from '../common/ErrorState';
import { Loading } from '../common/Loading';
import { formatDateTime } from '../format';
import { t } from '../i18n';
import { errorLocation, fieldRows, type Location, lineRange } from './model';

function Editor({ tpl, editable, onChanged }: { tpl: DocTemplate; editable: boolean; onChanged: (t: DocTemplate) => void }) {
  const { message } = App.useApp();
  const [text, setText] = useState(tpl.text);
  const [problem, setProblem] = useState<{ message: string; at: Location | null } | null>(null);
  const [busy, setBusy] = useState<'save' | 'reset' | 'preview' | null>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const area = useRef<TextAreaRef>(null);

  useEffect(() => () => {
    if (previewUrl) URL.revokeObjectURL(previewUrl);
  }, [previewUrl]);

  const fail = (e: unknown) => {
    const at = errorLocation(e);
    setProblem({ message: e instanceof Error ? e.message : t('app.unexpected'), at });
    const el = area.current?.resizableTextArea?.textArea;
    if (at && el) {
      const [start, end] = lineRange(text, at);
      el.focus();
      el.setSelectionRange(start, end);
      // Scroll the line into view: the share of the lines above it.
      const lines = text.split('\n').length;
      el.scrollTop = Math.max(0, ((at.line - 3) / Math.max(1, lines)) * el.scrollHeight);
    }
  };

  const run = async (what: 'save' | 'reset' | 'preview') => {
    setBusy(what);
    setProblem(null);
    try {
      if (what === 'preview') {
        const blob = await docTemplateApi.preview(tpl.key, text);
        setPreviewUrl(URL.createObjectURL(blob));
      } else if (what === 'save') {
        const saved = await docTemplateApi.save(tpl.key, text);
        message.success(t('documents.saved'));
        onChanged(saved);
      } else {
        const reset = await docTemplateApi.reset(tpl.key);
        setText(reset.text);
        message.success(t('documents.resetDone'));
        onChanged(reset);
      }
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const rows = fieldRows(tpl.fields).map((r, i) => ({ ...r, key: i }));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {tpl.label}
        </Typography.Title>
        <Tag color={tpl.customized ? 'blue' : undefined}>{tpl.customized ? t('documents.customized') : t('documents.builtin')}</Tag>
        {tpl.saved_by && (
          <Typography.Text type="secondary">{t('documents.savedBy', { who: tpl.saved_by, at: formatDateTime(tpl.saved_at_ms) })}</Typography.Text>
        )}
        {tpl.history.length > 0 && <Typography.Text type="secondary">{t('documents.history', { count: tpl.history.length })}</Typography.Text>}
      </Space>
      {!editable && <Alert type="info" showIcon title={t('documents.readOnly')} />}
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="template-error"
          title={problem.at ? t('documents.errorAt', { line: problem.at.line }) : problem.message}
          description={problem.at ? problem.message : undefined}
        />
      )}
      <Typography.Text type="secondary">{t('documents.syntax')}</Typography.Text>
      <Input.TextArea
        ref={area}
        value={text}
        onChange={(e) => setText(e.target.value)}
        readOnly={!editable}
        autoSize={{ minRows: 18, maxRows: 32 }}
        spellCheck={false}
        aria-label={t('documents.editor')}
        style={{ fontFamily: 'monospace', fontSize: 13 }}
        data-testid="template-text"
      />
      {editable && (
        <Space wrap>
          <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save'} disabled={busy !== null || text === tpl.text} onClick={() => run('save')} data-testid="template-save">
            {t('documents.save')}
          </Button>
          <Button icon={<EyeOutlined />} loading={busy === 'preview'} disabled={busy !== null} onClick={() => run('preview')} data-testid="template-preview">
            {t('documents.preview')}
          </Button>
          <Popconfirm title={t('documents.resetConfirm')} onConfirm={() => run('reset')} okText={t('app.yes')} cancelText={t('app.no')}>
            <Button icon={<RollbackOutlined />} disabled={busy !== null || !tpl.customized} data-testid="template-reset">
              {t('documents.reset')}
            </Button>
          </Popconfirm>
          {text !== tpl.text && <Typography.Text type="warning">{t('documents.unsaved')}</Typography.Text>}
        </Space>
      )}
      {previewUrl && (
        <Card size="small" title={t('documents.previewTitle')}>
          <iframe title={t('documents.previewTitle')} src={previewUrl} style={{ width: '100%', height: 720, border: 0 }} data-testid="template-preview-frame" />
        </Card>
      )}
      <Card size="small" title={t('documents.fields')}>
        <Typography.Paragraph type="secondary">{t('documents.fieldsHint')}</Typography.Paragraph>
        <Table
          size="small"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: '', dataIndex: 'tag', render: (tag: string, r) => <code style={{ marginLeft: r.depth * 20 }}>{tag}</code> },
            { title: '', dataIndex: 'label', render: (label: string) => label || t('documents.stt') },
          ]}
          showHeader={false}
        />
      </Card>
    </Space>
  );
}

export default function TemplatesPage() {
  const user = useUser();
  const navigate = useNavigate();
  const key = useParams().key;
  const [list, setList] = useState<DocTemplateSummary[] | null>(null);
  const [tpl, setTpl] = useState<DocTemplate | null>(null);
  const [error, setError] = useState<unknown>(null);
  const allowed = canSeeCatalogs(user);

  useEffect(() => {
    if (!allowed) return;
    const ctl = new AbortController();
    docTemplateApi.list(ctl.signal).then((r) => setList(r.items), (e: unknown) => !ctl.signal.aborted && setError(e));
    return () => ctl.abort();
  }, [allowed]);

  useEffect(() => {
    setTpl(null);
    if (!key || !allowed) return;
    const ctl = new AbortController();
    docTemplateApi.get(key, ctl.signal).then(setTpl, (e: unknown) => !ctl.signal.aborted && setError(e));
    return () => ctl.abort();
  }, [key, allowed]);

  if (!allowed) return <Result status="403" title={t('app.notFound')} />;
  if (error) return <ErrorState error={error} />;
  if (!list) return <Loading />;
  const changed = (next: DocTemplate) => {
    setTpl(next);
    setList((l) => l?.map((x) => (x.key === next.key ? { ...x, customized: next.customized, saved_by: next.saved_by, saved_at_ms: next.saved_at_ms } : x)) ?? l);
  };
  return (
    <div className="tcxd-page" data-testid="templates-page">
      <Typography.Title level={4}>{t('documents.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('documents.intro')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} lg={7}>
          <Menu
            mode="inline"
            selectedKeys={key ? [key] : []}
            onClick={(e) => navigate(`/document-templates/${e.key}`)}
            items={list.map((x) => ({
              key: x.key,
              label: (
                <span data-testid={`template-${x.key}`}>
                  {x.label} {x.customized && <Tag color="blue">{t('documents.customized')}</Tag>}
                </span>
              ),
            }))}
          />
        </Col>
        <Col xs={24} lg={17}>
          {!key ? (
            <Typography.Text type="secondary">{t('documents.choose')}</Typography.Text>
          ) : !tpl ? (
            <Loading />
          ) : (
            <Editor key={`${tpl.key}-${tpl.history[0]?.id ?? 0}`} tpl={tpl} editable={canEditTemplates(user)} onChanged={changed} />
          )}
        </Col>
      </Row>
    </div>
  );
}
